// One test, which runs a whole cluster of pods: nothing else of this project should share the machine's cores with it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
