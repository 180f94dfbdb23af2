using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real Prometheus server (Debian <c>prometheus</c>, from scripts/test-deps/prometheus.sh) on a free loopback port with a
/// generated config (scrape every 1 s) and its own temp storage dir, scraping one target; killed (by its own PID) and its
/// dir removed on dispose. Also runs <c>promtool check metrics</c>, the same package's linter for an exposition.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    public const string Promtool = "/usr/bin/promtool";
    public const string NotInstalled = "Prometheus is not installed: run scripts/test-deps/prometheus.sh (or scripts/install-test-deps.sh)";

    private readonly string _dir;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http;

    public Uri BaseAddress { get; }

    private PrometheusServer(string dir, Process process, int port)
    {
        _dir = dir;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <param name="target">host:port of the /metrics endpoint to scrape.</param>
    public static async Task<PrometheusServer> StartAsync(string target, string job = "supervisor")
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException(NotInstalled);
        var dir = Directory.CreateTempSubdirectory("prometheus-test-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Binary}");
        var server = new PrometheusServer(dir, process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var ready = await _http.GetAsync("/-/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"prometheus not ready within 60s:\n{Log}");
            await Task.Delay(200);
        }
    }

    /// <summary>What the server printed (for failure messages).</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>An instant PromQL query through <c>/api/v1/query</c>: each result's labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"query {promql} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r =>
        (
            (IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(r.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        )).ToList();
    }

    /// <summary>The target's health as Prometheus last scraped it ("up", "down", "unknown") and its last error.</summary>
    public async Task<string> TargetsAsync() => await _http.GetStringAsync("/api/v1/targets");

    /// <summary><c>promtool check metrics</c> on <paramref name="exposition"/>: its exit code and what it printed (lint problems).</summary>
    public static async Task<(int Exit, string Output)> CheckMetricsAsync(string exposition)
    {
        if (!File.Exists(Promtool)) throw new InvalidOperationException(NotInstalled);
        var info = new ProcessStartInfo(Promtool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("check");
        info.ArgumentList.Add("metrics");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Promtool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        using (_process)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a file still held a moment after the kill: the temp dir is cleaned by the OS */ }
    }
}
