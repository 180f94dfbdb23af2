using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Supervisor.Domain.Configuration;
using Supervisor.History.Hosting;
using Supervisor.History.Store;
using Supervisor.History.Tests.Support;
using static Supervisor.History.Tests.Support.Facts;

namespace Supervisor.History.Tests.Writer;

/// <summary><see cref="HistoryHosting.WithHistory"/> as a node composes it: the modules after it publish at once.</summary>
public sealed class HistoryHostingTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task WithHistory_should_store_a_fact_published_by_the_very_next_module_at_start()
    {
        // The config warnings are published by the module right after the history's (issue 11); the writer must be
        // subscribed by then, not only once its PreStart has run on some later thread.
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("history-hosting", akka => akka
            .AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend)
            .WithHistory(StatsSettings.Default, _dir.Path, JournalSettings.Sqlite)
            .WithActors((system, _) => system.EventStream.Publish(Warning("supervisor.stats.retension", T0))));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var backend = new SqliteHistoryBackend(_dir.Path);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            long events = 0;
            while (DateTime.UtcNow < until && (events = await CountEventsAsync(backend)) == 0) await Task.Delay(100);
            Assert.Equal(1, events);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<long> CountEventsAsync(IHistoryBackend backend)
    {
        try { return await StoreProbe.CountAsync(backend, "events"); }
        catch (Microsoft.Data.Sqlite.SqliteException) { return 0; } // not created yet
    }

    public void Dispose() => _dir.Dispose();
}
