using BatchCalling.Contacts;

namespace BatchCalling.Windows;

/// <summary>
/// Each contact's zones, worked out once when a job with a calling window is created and written beside its input chunks:
/// the distinct zone sets (<see cref="ContactZones.KeyOf"/>), and per contact the index of its set, two bytes each.
/// </summary>
[GenerateSerializer, Alias("batch.contact-zone-groups")]
public sealed class ContactZoneGroups
{
    [Id(0)] public List<string> Keys { get; set; } = [];
    [Id(1)] public ushort[] GroupOf { get; set; } = [];

    public static ContactZoneGroups Of(IReadOnlyList<ContactInput> contacts)
    {
        var groups = new ContactZoneGroups { GroupOf = new ushort[contacts.Count] };
        var indices = new Dictionary<string, ushort>(StringComparer.Ordinal);
        for (var i = 0; i < contacts.Count; i++)
        {
            var key = ContactZones.KeyOf(contacts[i]);
            if (!indices.TryGetValue(key, out var group))
            {
                group = indices[key] = (ushort)groups.Keys.Count;
                groups.Keys.Add(key);
            }

            groups.GroupOf[i] = group;
        }

        return groups;
    }
}
