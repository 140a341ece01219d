// Each test runs a whole cluster of pods with the same names: never two at once, and nothing else of this project beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
