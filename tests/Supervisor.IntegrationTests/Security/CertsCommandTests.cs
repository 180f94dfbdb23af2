using System.Security.Cryptography.X509Certificates;

namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// <c>supervisor certs init</c> and <c>certs issue</c> as real CLI processes: what they write, with which permissions,
/// and that the block <c>issue</c> prints, pasted as it is, makes a config that <c>validate</c> passes with TLS on.
/// </summary>
public sealed partial class CertsCommandTests(ITestOutputHelper output) : ScenarioTest
{
    private string CaDir => Path.Combine(Scenario.Dir, "ca");

    private async Task<CliProcess.Result> Certs(params string[] args)
    {
        var result = await CliProcess.RunAsync(["certs", .. args]);
        output.WriteLine($"$ supervisor certs {string.Join(' ', args)}  -> exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        return result;
    }

    [GeneratedRegex(@"^supervisor\.tls \{\n(.*\n)*?\}$", RegexOptions.Multiline)]
    private static partial Regex TlsBlock();

    /// <summary>The supervisor.tls block that <c>certs issue</c> printed, exactly as printed.</summary>
    public static string PrintedBlock(CliProcess.Result issue) => TlsBlock().Match(issue.Stdout.ReplaceLineEndings("\n")).Value is { Length: > 0 } block
        ? block
        : throw new Xunit.Sdk.XunitException("certs issue printed no supervisor.tls block:\n" + issue.Stdout);

    private static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);

    [Fact]
    public async Task Certs_init_and_issue_should_write_keys_and_passwords_readable_only_by_the_owner()
    {
        Assert.Equal(0, (await Certs("init", "--dir", CaDir)).ExitCode);
        var issue = await Certs("issue", "hv-1", "--dir", CaDir, "--san", "10.0.0.1", "--san", "hv-1.example.net");
        Assert.Equal(0, issue.ExitCode);

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(CaDir));
        Assert.Equal(ownerOnly, Mode(Path.Combine(CaDir, "ca.key")));
        Assert.Equal(ownerOnly, Mode(Path.Combine(CaDir, "hv-1.pfx")));
        Assert.Equal(ownerOnly, Mode(Path.Combine(CaDir, "hv-1.pfx.pw")));
        Assert.Equal(ownerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead, Mode(Path.Combine(CaDir, "ca.crt")));
        Assert.Equal(["ca.crt", "ca.key", "hv-1.pfx", "hv-1.pfx.pw"], Directory.GetFiles(CaDir).Select(Path.GetFileName).Order()); // no temp file left

        // The certificate is what the TLS loader and the private-CA rule expect.
        var password = File.ReadAllText(Path.Combine(CaDir, "hv-1.pfx.pw")).Trim();
        using var cert = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(CaDir, "hv-1.pfx"), password);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(CaDir, "ca.crt"));
        Assert.True(cert.HasPrivateKey);
        Assert.Equal("CN=hv-1, O=Supervisor", cert.Subject);
        Assert.Null(Supervisor.Domain.Configuration.PrivateCaTrust.Check(cert, ca));
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["hv-1", "hv-1.example.net"], san.EnumerateDnsNames());
        Assert.Equal(["10.0.0.1"], san.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
            cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.DoesNotContain(password, issue.Stdout + issue.Stderr); // the password is in its file, not on the screen
    }

    [Fact]
    public async Task Validate_should_pass_a_networked_node_with_tls_on_when_given_the_block_certs_issue_printed()
    {
        await Certs("init", "--dir", CaDir);
        var issue = await Certs("issue", "hv-1", "--dir", CaDir, "--san", "10.0.0.1");
        var config = Scenario.WriteConfig("hv-1.conf", $"supervisor.data-dir = \"{Path.Combine(Scenario.Dir, "data")}\"\n" +
                                                   $"akka.remote.dot-netty.tcp.hostname = \"10.0.0.1\"\n{PrintedBlock(issue)}\n");

        var (exit, text) = ValidateCli.Run(config, output);

        Assert.Equal(0, exit);
        Assert.Contains($"TLS: on (mutual); certificate {Path.Combine(CaDir, "hv-1.pfx")} (CN=hv-1, O=Supervisor, expires ", text);
        Assert.Contains("Node: akka.ssl.tcp://supervisor@10.0.0.1:4053", text);
        Assert.DoesNotContain("warning: supervisor.tls", text); // chains to the CA, both key usages, far from expiry
    }

    [Fact]
    public async Task Certs_init_should_refuse_and_keep_the_old_ca_when_the_dir_already_has_one()
    {
        await Certs("init", "--dir", CaDir);
        var key = File.ReadAllText(Path.Combine(CaDir, "ca.key"));

        var again = await Certs("init", "--dir", CaDir);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exist; a new CA would not trust any certificate the old one signed", again.Stderr);
        Assert.Equal(key, File.ReadAllText(Path.Combine(CaDir, "ca.key")));
    }

    [Fact]
    public async Task Certs_issue_should_refuse_to_replace_a_certificate_unless_forced()
    {
        await Certs("init", "--dir", CaDir);
        await Certs("issue", "hv-1", "--dir", CaDir);
        var first = File.ReadAllBytes(Path.Combine(CaDir, "hv-1.pfx"));

        var again = await Certs("issue", "hv-1", "--dir", CaDir);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("pass --force to replace them (rotation)", again.Stderr);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(CaDir, "hv-1.pfx")));

        Assert.Equal(0, (await Certs("issue", "hv-1", "--dir", CaDir, "--force")).ExitCode);
        Assert.NotEqual(first, File.ReadAllBytes(Path.Combine(CaDir, "hv-1.pfx")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(Path.Combine(CaDir, "hv-1.pfx")));
    }

    [Theory]
    [InlineData(new[] { "issue", "hv-1" }, "no CA in ")]
    [InlineData(new[] { "issue", "../etc/passwd" }, "may hold only letters, digits, '.' and '-'")]
    [InlineData(new[] { "issue", "hv-1", "--san", "not a name" }, "--san \"not a name\" is neither an IP address nor a DNS name")]
    [InlineData(new[] { "issue", "hv-1", "--days", "0" }, "--days 0 is out of range")]
    public async Task Certs_issue_should_exit_1_with_a_clear_message_and_write_nothing_when_given_bad_input(string[] args, string expected)
    {
        var result = await Certs([.. args, "--dir", CaDir]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("supervisor certs: ", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
        Assert.False(Directory.Exists(CaDir) && Directory.EnumerateFiles(CaDir, "hv-1*").Any());
    }
}
