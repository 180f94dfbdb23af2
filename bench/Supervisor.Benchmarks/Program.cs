using Supervisor.Benchmarks;
using Supervisor.Benchmarks.ColdPath;
using Supervisor.Benchmarks.Failover;
using Supervisor.Benchmarks.History;
using Supervisor.Benchmarks.Reaction;
using Supervisor.Benchmarks.Scale;
using Supervisor.Benchmarks.Scrape;

// NUT (upsd, upsmon), /proc and unshare: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

const string Usage = """
    Supervisor benchmarks (not tests; see bench/README.md). Run in Release:
      dotnet run -c Release --project bench/Supervisor.Benchmarks -- reaction [--runs 5] [--only all|ours|upsmon-default|upsmon-matched]
      dotnet run -c Release --project bench/Supervisor.Benchmarks -- scale [--devices 10000] [--group-size 10] [--min-healthy 5]
                                                                        [--poll-interval 1] [--warmup 20] [--duration 60]
                                                                        [--nodes 3] [--placement singleton|sharded] [--partitions 30]
      dotnet run -c Release --project bench/Supervisor.Benchmarks -- failover [--runs 3] [--placement singleton|sharded] [--partitions 30]
                                                                           [--down-removal-margin 3s] [--hocon "akka.cluster.x = 1s; ..."]
      dotnet run -c Release --project bench/Supervisor.Benchmarks -- coldpath [--runs 5]
      dotnet run -c Release --project bench/Supervisor.Benchmarks -- scrape [--devices 10000] [--group-size 10] [--scrapes 30] [--warmup 3]
                                                                         [--format prometheus|openmetrics] [--dump file]
      dotnet run -c Release --project bench/Supervisor.Benchmarks -- history [--backend both|sqlite|postgresql] [--devices 100] [--ingest-seconds 20]
                                                                          [--batch 1000] [--fleet-interval 30] [--runs 20] [--parts ingest,disk,queries]
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = new Options(args.Skip(1));
    return args[0] switch
    {
        "reaction" => await ReactionBenchmark.RunAsync(options),
        "scale" => await ScaleBenchmark.RunAsync(options),
        "failover" => await FailoverBenchmark.RunAsync(options),
        "coldpath" => await ColdPathBenchmark.RunAsync(options),
        "history" => await HistoryBenchmark.RunAsync(options),
        "scrape" => await ScrapeBenchmark.RunAsync(options),
        "coldpath-once" => await ColdPathBenchmark.RunOnceAsync(options),
        "scale-node" => await ScaleNode.RunAsync(options), // a child of `scale --nodes N`, not for direct use
        _ => throw new ArgumentException($"unknown benchmark \"{args[0]}\"; use reaction, scale, failover, coldpath, history or scrape"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{Usage}");
    return 2;
}
