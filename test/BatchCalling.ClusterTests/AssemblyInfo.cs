// One collection at a time: the fault tests stop PostgreSQL and Redis, which every other collection here needs, and
// each collection runs a cluster of processes that the machine's cores should not have to share with another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
