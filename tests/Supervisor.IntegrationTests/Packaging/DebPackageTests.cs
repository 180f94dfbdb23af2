using System.Runtime.InteropServices;
using System.Text;

namespace Supervisor.IntegrationTests.Packaging;

/// <summary>
/// Builds the packages once (<see cref="PackageBuild"/>: scripts/package.sh for linux-x64 with ReadyToRun, as
/// shipped, and linux-arm64 without, since only its headers can be checked here) and installs the amd64 .deb into
/// scratch roots with <c>dpkg --root=DIR --force-script-chrootless</c>: real dpkg, real conffile handling and the real
/// maintainer scripts, which honour DPKG_ROOT, so the supervisor user is created in DIR/etc/passwd and nothing of the
/// host's /etc, /usr or /var is touched. (Extracting with dpkg-deb -x would leave the scripts untested; a chroot would
/// need a whole Debian inside.) The installed binary then runs with the .NET install hidden by a tmpfs in a private
/// mount namespace (unshare), and the installed units go through systemd-analyze verify --root.
/// Needs root (the postinst chowns inside the scratch root) and scripts/test-deps/packaging.sh.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DebPackageTests(PackageBuild build, ITestOutputHelper output) : IClassFixture<PackageBuild>
{
    [Fact]
    public void Cluster_hocon_and_the_demo_config_should_be_built_into_the_binary_from_the_repository_files()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "cluster.hocon")), BuiltInConfig.ClusterHoconText);
        Assert.Equal(File.ReadAllText(RepoPaths.DemoConfig), BuiltInConfig.DemoText);
        Assert.Null(BuiltInConfig.ClusterHocon().Error);
        Assert.Equal(BuiltInConfig.DemoName, new NodeOptions().ResolveConfigFile()); // the test's working dir has no config/
    }

    [Theory]
    [InlineData("x64", PackageBuild.ElfX64)]
    [InlineData("arm64", PackageBuild.ElfAarch64)]
    public void Package_script_should_make_one_self_contained_executable_per_architecture(string arch, int machine)
    {
        var dir = Path.Combine(build.Out, "linux-" + arch);
        Assert.Equal(["supervisor"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        var bytes = File.ReadAllBytes(Path.Combine(dir, "supervisor"));
        Assert.Equal(machine, ElfMachine(bytes, 0));

        var bundle = Bundle.Read(bytes);
        var paths = bundle.Select(e => e.Path).ToList();
        output.WriteLine($"linux-{arch}: {bytes.Length / 1e6:0.0} MB, {bundle.Count} files in the bundle");
        // Self-contained: the runtime's own assemblies are inside, and the runtimeconfig names no shared framework.
        Assert.Contains("System.Private.CoreLib.dll", paths);
        Assert.Contains("supervisor.dll", paths);
        Assert.Contains("Supervisor.Actors.dll", paths);
        var runtimeConfig = Encoding.UTF8.GetString(bundle.Single(e => e.Path == "supervisor.runtimeconfig.json").Content(bytes));
        Assert.Contains("\"includedFrameworks\"", runtimeConfig);
        Assert.DoesNotContain("\"framework\"", runtimeConfig);
        Assert.Contains("\"System.Globalization.Invariant\": true", runtimeConfig);
        // Native libraries: SQLite's (and LMDB's, which Akka.DistributedData carries) for this architecture only.
        var natives = bundle.Where(e => e.Type == Bundle.NativeBinary).ToList();
        Assert.Contains("libe_sqlite3.so", natives.Select(n => n.Path));
        Assert.All(natives, n => Assert.Equal(machine, ElfMachine(bytes, n.Offset)));
        Assert.DoesNotContain(paths, p => Regex.IsMatch(p, @"(^|/)(runtimes|android|ios|osx|win|browser|wasm|maccatalyst|tvos)[-/]", RegexOptions.IgnoreCase));
        Assert.DoesNotContain(paths, p => p.EndsWith(".dylib") || p.EndsWith(".dll.so") || p.EndsWith(".exe"));
    }

    [Fact]
    public void Deb_should_hold_the_binary_config_units_data_dir_and_docs_with_the_maintainer_scripts()
    {
        foreach (var (deb, arch) in new[] { (build.DebAmd64, "amd64"), (build.DebArm64, "arm64") })
        {
            Assert.Equal($"supervisor_{build.Version}_{arch}.deb", Path.GetFileName(deb));
            var fields = Tool.Run("dpkg-deb", ["-f", deb, "Package", "Version", "Architecture", "Depends"]).Stdout;
            Assert.Contains("Package: supervisor\n", fields);
            Assert.Contains($"Version: {build.Version}\n", fields);
            Assert.Contains($"Architecture: {arch}\n", fields);
            Assert.Contains("passwd", fields); // useradd/groupadd in postinst

            var listing = Tool.Run("dpkg-deb", ["-c", deb]).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => Regex.Match(l, @"^(\S+)\s+(\S+)\s+\d+\s+\S+\s+\S+\s+\./(.*?)/?$"))
                .ToDictionary(m => "/" + m.Groups[3].Value, m => (Mode: m.Groups[1].Value, Owner: m.Groups[2].Value));
            Assert.All(listing.Values, e => Assert.Equal("root/root", e.Owner)); // --root-owner-group
            Assert.Equal("-rwxr-xr-x", listing["/usr/bin/supervisor"].Mode);
            Assert.Equal("-rw-r-----", listing["/etc/supervisor/supervisor.conf"].Mode);
            Assert.Equal("drwxr-x---", listing["/var/lib/supervisor"].Mode);
            Assert.Equal("-rw-r--r--", listing["/lib/systemd/system/supervisor.service"].Mode);
            Assert.Equal("-rw-r--r--", listing["/lib/systemd/system/supervisor-agent.service"].Mode);
            foreach (var doc in new[] { "README.md", "deployment.md", "configuration.md", "cli.md", "cluster.hocon", "examples/agent.conf", "examples/nut-single.conf" })
                Assert.True(listing.ContainsKey("/usr/share/doc/supervisor/" + doc), $"{doc} missing from /usr/share/doc/supervisor");
            var unexpected = listing.Keys.Where(p => !Regex.IsMatch(p, @"^/(|etc|etc/supervisor|etc/supervisor/supervisor\.conf|lib|lib/systemd|lib/systemd/system|lib/systemd/system/supervisor(-agent)?\.service|usr|usr/bin|usr/bin/supervisor|usr/share|usr/share/doc|usr/share/doc/supervisor(/.*)?|var|var/lib|var/lib/supervisor)$")).ToList();
            Assert.True(unexpected.Count == 0, "unexpected paths in the .deb: " + string.Join(", ", unexpected));

            var control = Path.Combine(build.Out, "control-" + arch);
            Tool.Run("dpkg-deb", ["-e", deb, control]);
            Assert.Equal("/etc/supervisor/supervisor.conf\n", File.ReadAllText(Path.Combine(control, "conffiles")));
            foreach (var script in new[] { "preinst", "postinst", "prerm", "postrm" })
                Assert.True(File.GetUnixFileMode(Path.Combine(control, script)).HasFlag(UnixFileMode.UserExecute), script + " not executable");
        }
    }

    [Fact]
    public void Installing_should_create_the_supervisor_user_own_the_data_dir_and_start_nothing()
    {
        var root = build.Installed;
        var user = Assert.Single(File.ReadAllLines(Path.Combine(root, "etc", "passwd")), l => l.StartsWith("supervisor:")).Split(':');
        Assert.Equal("/var/lib/supervisor", user[5]);
        Assert.Equal("/usr/sbin/nologin", user[6]);
        Assert.True(int.Parse(user[2]) is > 0 and < 1000, $"uid {user[2]} is not a system uid");
        var group = Assert.Single(File.ReadAllLines(Path.Combine(root, "etc", "group")), l => l.StartsWith("supervisor:")).Split(':');
        Assert.Equal(group[2], user[3]);

        var (uid, gid) = (int.Parse(user[2]), int.Parse(group[2]));
        Assert.Equal((uid, gid, "700"), Stat(Path.Combine(root, "var", "lib", "supervisor"))); // owner-only, as the node keeps its data dir
        Assert.Equal((0, gid, "640"), Stat(Path.Combine(root, "etc", "supervisor", "supervisor.conf")));
        Assert.Equal((0, 0, "755"), Stat(Path.Combine(root, "usr", "bin", "supervisor")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "deploy", "debian", "supervisor.conf")), File.ReadAllBytes(Path.Combine(root, "etc", "supervisor", "supervisor.conf")));

        Assert.Contains("Nothing was started: check the config first.", build.InstallOutput);
        Assert.Contains("supervisor validate /etc/supervisor/supervisor.conf", build.InstallOutput);
        Assert.Matches(@"Package: supervisor\nStatus: install ok installed\n", File.ReadAllText(Path.Combine(root, "var", "lib", "dpkg", "status")));
        Assert.False(Directory.Exists(Path.Combine(root, "etc", "systemd", "system", "multi-user.target.wants")), "the install enabled a unit");
    }

    [Fact]
    public void Installed_binary_should_validate_the_packaged_configs_with_no_dotnet_on_the_host()
    {
        var root = build.Installed;
        var version = build.WithoutDotnet(["--version"]);
        Assert.Equal(0, version.Exit);
        Assert.Equal(build.Version, version.Stdout.Trim());

        var conf = Path.Combine(root, "etc", "supervisor", "supervisor.conf");
        var validate = build.WithoutDotnet(["validate", conf]);
        output.WriteLine(validate.Stdout + validate.Stderr);
        Assert.Equal(0, validate.Exit);
        Assert.Contains($"{conf}: OK", validate.Stdout);
        Assert.Contains("ups-main  nut  ups1@127.0.0.1:3493", validate.Stdout);
        Assert.Contains("Agent: host hv-1; dry-run on", validate.Stdout);
        // Port and roles come from cluster.hocon: proof the built-in copy was read.
        Assert.Contains("Node: akka.tcp://supervisor@127.0.0.1:4053, roles [supervisor, agent], seeds []", validate.Stdout);
        Assert.DoesNotContain("warning", validate.Stdout);

        var agent = build.WithoutDotnet(["validate", Path.Combine(root, "usr", "share", "doc", "supervisor", "examples", "agent.conf")]);
        Assert.True(agent.Exit == 0, agent.Stdout + agent.Stderr);
        Assert.Contains("Node: akka.tcp://supervisor@127.0.0.1:4054, roles [agent], seeds [akka.tcp://supervisor@127.0.0.1:4053, akka.tcp://supervisor@127.0.0.1:4054]", agent.Stdout);
        Assert.DoesNotContain("warning", agent.Stdout);
    }

    [Fact]
    public async Task Installed_binary_should_run_the_packaged_config_in_dry_run_and_leave_on_SIGTERM()
    {
        var root = build.Installed;
        var data = Path.Combine(build.Out, "run-data");
        var port = LoopbackPort.Free();
        using var node = build.StartWithoutDotnet(["run", "--config", Path.Combine(root, "etc", "supervisor", "supervisor.conf"),
            "--dry-run", "--data-dir", data, "--port", port.ToString()]);
        try
        {
            await node.WaitForAsync(@"Supervisor: watching 1 device\(s\) in 1 group\(s\)", TimeSpan.FromSeconds(90));
            await node.WaitForAsync(@"Agent hv-1: ready \(DRY-RUN", TimeSpan.FromSeconds(30));
            Assert.Contains(node.Lines, l => l.StartsWith($"supervisor: node akka.tcp://supervisor@127.0.0.1:{port} roles [supervisor, agent], config {root}/etc/supervisor/supervisor.conf, data {data}"));

            // What the running process has mapped: no .NET install (the runtime is linked into the executable, so no
            // libcoreclr.so/libhostfxr.so at all) and SQLite's native library from the bundle's extraction dir.
            var maps = File.ReadAllLines($"/proc/{node.Pid}/maps").Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length == 6).Select(p => p[5]).Distinct().ToList();
            Assert.Contains(maps, m => m == Path.Combine(root, "usr", "bin", "supervisor"));
            Assert.DoesNotContain(maps, m => m.StartsWith(build.DotnetRoot + "/"));
            Assert.DoesNotContain(maps, m => m.EndsWith("/libcoreclr.so") || m.EndsWith("/libhostfxr.so") || m.EndsWith("/libhostpolicy.so"));
            Assert.Contains(maps, m => m.StartsWith(build.ExtractDir + "/") && m.EndsWith("/libe_sqlite3.so"));
            Assert.True(File.Exists(Path.Combine(data, "journal.db")));
        }
        finally
        {
            node.Terminate();
        }
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains(node.Lines, l => l.Contains("Cluster: this node left the cluster"));
    }

    [Fact]
    public void Installed_units_should_pass_systemd_analyze_verify_and_run_the_packaged_binary()
    {
        var root = build.Installed;
        foreach (var unit in new[] { "supervisor.service", "supervisor-agent.service" })
        {
            var installed = File.ReadAllText(Path.Combine(root, "lib", "systemd", "system", unit));
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "systemd", unit)), installed);
            Assert.DoesNotContain(installed.Split('\n'), l => !l.StartsWith('#') && l.Contains("dotnet "));
        }
        var verify = Tool.Run("systemd-analyze", ["verify", $"--root={root}", "supervisor.service", "supervisor-agent.service"], check: false);
        Assert.True(verify.Exit == 0 && verify.Stdout.Trim() == "" && verify.Stderr.Trim() == "", $"systemd-analyze verify (exit {verify.Exit}):\n{verify.Stdout}{verify.Stderr}");

        var supervisor = Units.Read(Path.Combine(root, "lib", "systemd", "system", "supervisor.service"));
        Assert.Equal("/usr/bin/supervisor run --config /etc/supervisor/supervisor.conf", supervisor["ExecStart"]);
        Assert.Equal("supervisor", supervisor["User"]);
        Assert.Equal("yes", supervisor["NoNewPrivileges"]);
        Assert.Equal("strict", supervisor["ProtectSystem"]);
        Assert.Equal("/var/lib/supervisor", supervisor["ReadWritePaths"]);
        Assert.Equal("supervisor", supervisor["StateDirectory"]);
        Assert.Equal("/var/lib/supervisor", supervisor["WorkingDirectory"]);
        var agent = Units.Read(Path.Combine(root, "lib", "systemd", "system", "supervisor-agent.service"));
        Assert.Equal("/usr/bin/supervisor run --config /etc/supervisor/agent.conf --roles agent", agent["ExecStart"]);
        Assert.Equal("root", agent["User"]);
        Assert.False(agent.ContainsKey("NoNewPrivileges") || agent.ContainsKey("ProtectSystem") || agent.ContainsKey("PrivateTmp"), "the agent unit must not be sandboxed (see its comment)");
        Assert.NotEqual(supervisor["StateDirectory"], agent["StateDirectory"]); // one data dir per node

        // Control: verify does look inside the root; a unit whose binary is missing there is refused.
        var broken = Path.Combine(root, "etc", "systemd", "system");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "supervisor-broken.service"), File.ReadAllText(Path.Combine(root, "lib", "systemd", "system", "supervisor.service")).Replace("ExecStart=/usr/bin/supervisor ", "ExecStart=/usr/bin/supervisor-missing "));
        try
        {
            var refused = Tool.Run("systemd-analyze", ["verify", $"--root={root}", "supervisor-broken.service"], check: false);
            Assert.Contains("/usr/bin/supervisor-missing", refused.Stdout + refused.Stderr);
        }
        finally
        {
            File.Delete(Path.Combine(broken, "supervisor-broken.service"));
        }
    }

    [Fact]
    public void Reinstall_should_keep_an_edited_config_and_one_user_remove_should_keep_the_data_and_purge_should_remove_it()
    {
        var root = build.NewRoot("purge");
        Assert.Equal(0, build.Dpkg(root, "-i", build.DebAmd64).Exit);
        var conf = Path.Combine(root, "etc", "supervisor", "supervisor.conf");
        File.AppendAllText(conf, "\n# edited by the operator\n");
        var journal = Path.Combine(root, "var", "lib", "supervisor", "journal.db");
        File.WriteAllText(journal, "journal");
        File.WriteAllText(Path.Combine(root, "etc", "supervisor", "supervisor.env"), "NUT_PASSWORD=secret\n");

        var again = build.Dpkg(root, "-i", build.DebAmd64);
        Assert.True(again.Exit == 0, again.Stdout + again.Stderr);
        Assert.EndsWith("# edited by the operator\n", File.ReadAllText(conf)); // a conffile: the operator's edit wins
        Assert.Single(File.ReadAllLines(Path.Combine(root, "etc", "passwd")), l => l.StartsWith("supervisor:"));
        Assert.Single(File.ReadAllLines(Path.Combine(root, "etc", "group")), l => l.StartsWith("supervisor:"));
        Assert.DoesNotContain("Nothing was started", again.Stdout); // the first-install message only once

        var remove = build.Dpkg(root, "--remove", "supervisor");
        Assert.True(remove.Exit == 0, remove.Stdout + remove.Stderr);
        Assert.False(File.Exists(Path.Combine(root, "usr", "bin", "supervisor")));
        Assert.False(File.Exists(Path.Combine(root, "lib", "systemd", "system", "supervisor.service")));
        Assert.True(File.Exists(journal), "remove must keep the journal");
        Assert.True(File.Exists(conf), "remove must keep the config (a conffile)");

        var purge = build.Dpkg(root, "--purge", "supervisor");
        Assert.True(purge.Exit == 0, purge.Stdout + purge.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root, "var", "lib", "supervisor")), "purge must remove the data dir");
        Assert.False(File.Exists(conf), "purge must remove the config");
        Assert.True(File.Exists(Path.Combine(root, "etc", "supervisor", "supervisor.env")), "purge must keep files the operator made");
        Assert.Single(File.ReadAllLines(Path.Combine(root, "etc", "passwd")), l => l.StartsWith("supervisor:")); // system users stay (Debian practice)
        Assert.DoesNotContain("Package: supervisor\n", File.ReadAllText(Path.Combine(root, "var", "lib", "dpkg", "status")));
    }

    [Fact]
    public void Install_should_refuse_to_replace_Debians_supervisord_package_of_the_same_name()
    {
        var root = build.NewRoot("supervisord");
        var fake = Path.Combine(build.Out, "fake-supervisord");
        Directory.CreateDirectory(Path.Combine(fake, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(fake, "usr", "bin"));
        File.WriteAllText(Path.Combine(fake, "DEBIAN", "control"), "Package: supervisor\nVersion: 4.2.5-1\nArchitecture: all\nMaintainer: test <test@example.invalid>\nDescription: stand-in for Debian's supervisord\n");
        File.WriteAllText(Path.Combine(fake, "usr", "bin", "supervisord"), "#!/bin/sh\n");
        Tool.Run("dpkg-deb", ["--build", "--root-owner-group", fake, fake + ".deb"]);
        Assert.Equal(0, build.Dpkg(root, "-i", fake + ".deb").Exit);

        var ours = build.Dpkg(root, "-i", build.DebAmd64);
        Assert.NotEqual(0, ours.Exit);
        Assert.Contains("is supervisord (version 4.2.5-1)", ours.Stdout + ours.Stderr);
        Assert.True(File.Exists(Path.Combine(root, "usr", "bin", "supervisord")), "supervisord must still be installed");
        Assert.False(File.Exists(Path.Combine(root, "usr", "bin", "supervisor")));
        Assert.Contains("Package: supervisor\nStatus: install ok installed\n", File.ReadAllText(Path.Combine(root, "var", "lib", "dpkg", "status")));
        Assert.Contains("Version: 4.2.5-1", File.ReadAllText(Path.Combine(root, "var", "lib", "dpkg", "status")));
    }

    private static int ElfMachine(byte[] bytes, long offset)
    {
        Assert.True(bytes[offset] == 0x7f && bytes[offset + 1] == 'E' && bytes[offset + 2] == 'L' && bytes[offset + 3] == 'F', $"no ELF header at {offset}");
        return BitConverter.ToUInt16(bytes, (int)offset + 18);
    }

    private static (int Uid, int Gid, string Mode) Stat(string path)
    {
        var s = Tool.Run("stat", ["-c", "%u %g %a", path]).Stdout.Trim().Split(' ');
        return (int.Parse(s[0]), int.Parse(s[1]), s[2]);
    }

    /// <summary>Key=value lines of a unit file (comments and sections ignored; a repeated key keeps the last value).</summary>
    private static class Units
    {
        public static Dictionary<string, string> Read(string path) => File.ReadAllLines(path)
            .Where(l => l.Length > 0 && l[0] is not '#' and not '[' && l.Contains('='))
            .Select(l => l.Split('=', 2))
            .GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
    }
}

/// <summary>
/// The .NET single-file bundle manifest (dotnet/runtime src/installer/managed/Microsoft.NET.HostModel/Bundle): the
/// host carries an 8-byte header offset right before a fixed 32-byte signature; the header lists every bundled file.
/// </summary>
public static class Bundle
{
    public const byte NativeBinary = 2;

    private static readonly byte[] Signature =
    [
        0x8b, 0x12, 0x02, 0xb9, 0x6a, 0x61, 0x20, 0x38, 0x72, 0x7b, 0x93, 0x02, 0x14, 0xd7, 0xa0, 0x32,
        0x13, 0xf5, 0xb9, 0xe6, 0xef, 0xae, 0x33, 0x18, 0xee, 0x3b, 0x2d, 0xce, 0x24, 0xb3, 0x6a, 0xae,
    ];

    public sealed record Entry(long Offset, long Size, long CompressedSize, byte Type, string Path)
    {
        public byte[] Content(byte[] file)
        {
            Assert.Equal(0, CompressedSize); // the package does not compress the bundle
            return file.AsSpan((int)Offset, (int)Size).ToArray();
        }
    }

    public static IReadOnlyList<Entry> Read(byte[] file)
    {
        var at = file.AsSpan().IndexOf(Signature);
        Assert.True(at >= 8, "no single-file bundle signature: not a single-file executable");
        var header = BitConverter.ToInt64(file, at - 8);
        Assert.True(header > 0 && header < file.Length, $"bundle header offset {header} out of range: not a bundled executable");
        using var reader = new BinaryReader(new MemoryStream(file, (int)header, file.Length - (int)header));
        var major = reader.ReadUInt32();
        reader.ReadUInt32();
        var count = reader.ReadInt32();
        reader.ReadString(); // bundle id
        if (major >= 2) reader.ReadBytes(8 * 5); // deps.json and runtimeconfig.json offset/size, flags
        var entries = new List<Entry>();
        for (var i = 0; i < count; i++)
        {
            var offset = reader.ReadInt64();
            var size = reader.ReadInt64();
            var compressed = major >= 6 ? reader.ReadInt64() : 0;
            entries.Add(new Entry(offset, size, compressed, reader.ReadByte(), reader.ReadString()));
        }
        return entries;
    }
}

/// <summary>Runs a program to completion and returns its exit code and output.</summary>
public static class Tool
{
    public sealed record Result(int Exit, string Stdout, string Stderr);

    public static Result Run(string file, IEnumerable<string> args, bool check = true, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? env = null, string? workDir = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDir ?? "" };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null)
        {
            psi.Environment.Clear();
            foreach (var (k, v) in env) psi.Environment[k] = v;
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{file} {string.Join(' ', args)} did not finish in time; output:\n{stdout.Result}{stderr.Result}");
        }
        var result = new Result(p.ExitCode, stdout.Result, stderr.Result);
        if (check && result.Exit != 0)
            throw new Xunit.Sdk.XunitException($"{file} {string.Join(' ', args)} exited {result.Exit}:\n{result.Stdout}{result.Stderr}");
        return result;
    }
}

/// <summary>A started process with its output lines collected (the packaged binary's `run`).</summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public RunningProcess(ProcessStartInfo psi)
    {
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;
    public IReadOnlyCollection<string> Lines => _lines;

    public async Task WaitForAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_lines.Any(regex.IsMatch)) return;
            if (_process.HasExited) break;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no line matching /{pattern}/ within {timeout.TotalSeconds}s (exited: {_process.HasExited}); output:\n{string.Join('\n', _lines.TakeLast(40))}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>SIGTERM, what systemd sends on stop.</summary>
    public void Terminate()
    {
        if (!_process.HasExited) kill(_process.Id, 15);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"still running {timeout.TotalSeconds}s after SIGTERM; output:\n{string.Join('\n', _lines.TakeLast(40))}"); }
        _process.WaitForExit(); // drain the output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

/// <summary>
/// Once per test class: scripts/package.sh into a temp dir (linux-x64 with ReadyToRun, then linux-arm64 without),
/// and the amd64 .deb installed into a scratch root. Everything lives under one temp dir, removed at the end.
/// </summary>
public sealed class PackageBuild : IDisposable
{
    public const int ElfX64 = 62;
    public const int ElfAarch64 = 183;

    public string Out { get; } = Directory.CreateTempSubdirectory("supervisor-package-").FullName;
    public string Version { get; }
    public string DebAmd64 { get; }
    public string DebArm64 { get; }
    /// <summary>The scratch root the amd64 .deb is installed in (tests only read it, or add and remove their own files).</summary>
    public string Installed { get; }
    public string InstallOutput { get; }
    /// <summary>The .NET install running these tests, hidden from the packaged binary.</summary>
    public string DotnetRoot { get; }
    /// <summary>Where the packaged binary unpacks its native libraries (DOTNET_BUNDLE_EXTRACT_BASE_DIR).</summary>
    public string ExtractDir { get; }

    public PackageBuild()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("DebPackageTests need root: the package's postinst chowns inside the scratch root (dpkg --root)");
        foreach (var tool in new[] { "dpkg", "dpkg-deb", "useradd", "unshare", "mount", "systemd-analyze" })
            if (Tool.Run("sh", ["-c", $"command -v {tool}"], check: false).Exit != 0)
                throw new InvalidOperationException($"{tool} not found: run scripts/test-deps/packaging.sh");

        DotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        ExtractDir = Path.Combine(Out, "extract");
        var script = Path.Combine(RepoPaths.Root, "scripts", "package.sh");
        var x64 = Tool.Run(script, ["--arch", "x64", "--out", Out], timeout: TimeSpan.FromMinutes(20));
        var arm64 = Tool.Run(script, ["--arch", "arm64", "--no-r2r", "--out", Out], timeout: TimeSpan.FromMinutes(20));
        Console.WriteLine(x64.Stdout + arm64.Stdout);

        DebAmd64 = Assert.Single(Directory.GetFiles(Out, "supervisor_*_amd64.deb"));
        DebArm64 = Assert.Single(Directory.GetFiles(Out, "supervisor_*_arm64.deb"));
        Version = Regex.Match(Path.GetFileName(DebAmd64), "^supervisor_(.+)_amd64\\.deb$").Groups[1].Value;

        Installed = NewRoot("installed");
        var install = Dpkg(Installed, "-i", DebAmd64);
        if (install.Exit != 0) throw new InvalidOperationException($"dpkg -i into {Installed} failed:\n{install.Stdout}{install.Stderr}");
        InstallOutput = install.Stdout + install.Stderr;
        // systemd-analyze verify --root needs the stock units ours depend on (sysinit.target, network-online.target, …)
        // inside the root: the host's, copied next to ours (lib is usr/lib there), without any supervisor* of the host's.
        var units = Path.Combine(Installed, "usr", "lib", "systemd", "system");
        var stock = Path.Combine(Out, "stock-units");
        Tool.Run("cp", ["-a", "/usr/lib/systemd/system/.", stock]);
        foreach (var own in Directory.GetFileSystemEntries(stock, "supervisor*")) File.Delete(own);
        Tool.Run("cp", ["-a", "-n", stock + "/.", units]);
    }

    /// <summary>
    /// An empty merged-/usr system (bin, sbin, lib are links into usr/, as on Debian 12 and later) for dpkg --root: its
    /// database, and a passwd/group with root only.
    /// </summary>
    public string NewRoot(string name)
    {
        var root = Path.Combine(Out, "root-" + name);
        foreach (var dir in new[] { "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "etc", "usr/bin", "usr/sbin", "usr/lib" })
            Directory.CreateDirectory(Path.Combine(root, dir));
        foreach (var dir in new[] { "bin", "sbin", "lib" })
            File.CreateSymbolicLink(Path.Combine(root, dir), "usr/" + dir);
        File.WriteAllText(Path.Combine(root, "var/lib/dpkg/status"), "");
        File.WriteAllText(Path.Combine(root, "var/lib/dpkg/available"), "");
        File.WriteAllText(Path.Combine(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        File.WriteAllText(Path.Combine(root, "etc/group"), "root:x:0:\n");
        File.WriteAllText(Path.Combine(root, "etc/shadow"), "root:*:19000:0:99999:7:::\n");
        File.WriteAllText(Path.Combine(root, "etc/gshadow"), "root:*::\n");
        return root;
    }

    /// <summary>dpkg on a scratch root. The maintainer scripts run on the host with DPKG_ROOT set (they honour it); the
    /// libraries the package depends on are the host's, not the root's, hence --force-depends.</summary>
    public Tool.Result Dpkg(string root, params string[] args) => Tool.Run("dpkg",
        [$"--root={root}", "--force-not-root", "--force-script-chrootless", "--force-depends", $"--log={Path.Combine(root, "dpkg.log")}", .. args],
        check: false, timeout: TimeSpan.FromMinutes(3));

    /// <summary>The installed /usr/bin/supervisor, with the .NET install hidden (see <see cref="StartInfoWithoutDotnet"/>).</summary>
    public Tool.Result WithoutDotnet(IReadOnlyList<string> args)
    {
        var psi = StartInfoWithoutDotnet(args);
        return Tool.Run(psi.FileName, psi.ArgumentList, check: false, env: Env(), workDir: psi.WorkingDirectory);
    }

    public RunningProcess StartWithoutDotnet(IReadOnlyList<string> args)
    {
        var psi = StartInfoWithoutDotnet(args);
        psi.Environment.Clear();
        foreach (var (k, v) in Env()) psi.Environment[k] = v;
        return new RunningProcess(psi);
    }

    /// <summary>
    /// In a private mount namespace (unshare -m, no fork: the pid is the binary's), a read-only empty tmpfs covers the
    /// .NET install, so neither a `dotnet` on PATH nor its shared framework exists; the script checks that before it
    /// execs the binary. The environment is emptied too: PATH=/usr/bin:/bin, DOTNET_ROOT pointing nowhere.
    /// </summary>
    private ProcessStartInfo StartInfoWithoutDotnet(IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Out };
        foreach (var a in new[] { "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                     """
                     mount -t tmpfs -o ro,size=64k hidden-dotnet "$1" || exit 98
                     if command -v dotnet >/dev/null 2>&1 || [ -e "$1/shared" ]; then echo ".NET still visible: $(command -v dotnet)" >&2; exit 97; fi
                     shift; exec "$@"
                     """, "sh", DotnetRoot, Path.Combine(Installed, "usr", "bin", "supervisor") }.Concat(args))
            psi.ArgumentList.Add(a);
        return psi;
    }

    private Dictionary<string, string> Env() => new()
    {
        ["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin",
        ["HOME"] = Out,
        ["DOTNET_ROOT"] = "/nonexistent",
        ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = ExtractDir,
    };

    public void Dispose()
    {
        try { Directory.Delete(Out, recursive: true); } catch (IOException) { /* best effort */ } catch (UnauthorizedAccessException) { }
    }
}
