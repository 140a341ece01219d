// One test at a time: the browser tests share one gateway and one Chromium, and xunit enforces a test's Timeout only then.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
