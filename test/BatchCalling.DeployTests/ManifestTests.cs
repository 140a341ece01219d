namespace BatchCalling.DeployTests;

/// <summary>Every invariant of <see cref="ManifestRules"/> holds on every kustomization it applies to.</summary>
public class ManifestTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var overlay in ManifestRules.Overlays)
        {
            var rendering = Rendering.Of(overlay);
            foreach (var rule in ManifestRules.Rules.Where(r => r.AppliesTo(rendering)))
            {
                cases.Add(rule.Name, overlay);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_holds(string rule, string overlay)
    {
        var violations = ManifestRules.Named(rule).Check(Rendering.Of(overlay)).ToList();
        Assert.True(violations.Count == 0, $"{rule} ({overlay}):\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void Every_rule_applies_somewhere_and_every_overlay_is_checked()
    {
        var renderings = ManifestRules.Overlays.Select(Rendering.Of).ToList();
        Assert.All(ManifestRules.Rules, rule => Assert.True(renderings.Any(rule.AppliesTo), rule.Name));
        var kustomizations = Directory.EnumerateFiles(Rendering.K8sDirectory, "kustomization.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Rendering.K8sDirectory, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            // Pieces of others, not applied on their own: the base's parts, podman's per-silo copies and its settings component.
            .Where(k => !k.StartsWith("base/", StringComparison.Ordinal) && !k.StartsWith("overlays/podman/silos/", StringComparison.Ordinal) && k != "overlays/podman/settings")
            .Order();
        Assert.Equal(ManifestRules.Overlays.Order(), kustomizations);
    }

    [Fact]
    public void A_missing_kubectl_fails_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Rendering.Kustomize("base", "/nonexistent/kubectl"));
        Assert.Contains("kubectl is needed", error.Message, StringComparison.Ordinal);
    }
}
