// Scenarios start real node processes and upsd servers on a 2-core machine; running them one at a time
// keeps their timing honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
