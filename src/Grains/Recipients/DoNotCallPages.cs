namespace BatchCalling.Recipients;

/// <summary>Where a page of a list spread over ranges lies: from the ranges' counts, which slice of which ranges, in range order.</summary>
public static class DoNotCallPages
{
    /// <summary>The ranges a page of <paramref name="take"/> numbers after the first <paramref name="skip"/> spans, with what to read of each.</summary>
    public static List<(int Range, int Skip, int Take)> Locate(IReadOnlyList<int> counts, long skip, int take)
    {
        var slices = new List<(int Range, int Skip, int Take)>();
        for (var range = 0; range < counts.Count && take > 0; range++)
        {
            if (skip >= counts[range])
            {
                skip -= counts[range];
                continue;
            }

            var slice = (int)Math.Min(take, counts[range] - skip);
            slices.Add((range, (int)skip, slice));
            take -= slice;
            skip = 0;
        }

        return slices;
    }
}
