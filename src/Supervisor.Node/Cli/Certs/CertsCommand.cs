using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Node.Cli.Certs;

/// <summary>
/// <c>supervisor certs init [--dir DIR]</c> and <c>supervisor certs issue NAME [--dir DIR] [--san HOST-OR-IP …]</c>:
/// turning mutual TLS on takes these two commands. init makes the private CA; issue makes one node's (or one
/// operator's CLI) certificate signed by it and prints the exact <c>supervisor.tls</c> block to paste.
/// Exit 0 = done, 1 = nothing was written (the message says why).
/// </summary>
internal static class CertsCommand
{
    public const string DefaultDir = "supervisor-tls";
    public const string CaCertificateFile = "ca.crt", CaKeyFile = "ca.key";

    public static Command Create()
    {
        var certs = new Command("certs", "Make the private CA and the node and CLI certificates for mutual TLS (supervisor.tls).");
        certs.Subcommands.Add(Init());
        certs.Subcommands.Add(Issue());
        return certs;
    }

    private static Option<string> DirOption() => new("--dir")
    {
        Description = $"Directory of the CA and the certificates (default ./{DefaultDir}, created 0700). Keep it off the cluster's nodes.",
        DefaultValueFactory = _ => DefaultDir,
    };

    private static Command Init()
    {
        var dir = DirOption();
        var command = new Command("init", $"Make a private CA: {CaCertificateFile} (public) and {CaKeyFile} (private key, mode 0600).") { dir };
        command.SetAction(p => Guarded(() => InitCa(p.GetValue(dir)!, Console.Out)));
        return command;
    }

    private static Command Issue()
    {
        var dir = DirOption();
        var name = new Argument<string>("name") { Description = "The node's (or operator's) name, e.g. hv-1 or ops-alice: the certificate's CN and file name." };
        var sans = new Option<string[]>("--san")
        {
            Description = "Another name the holder is reached at, an IP address or a DNS name (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        var days = new Option<int>("--days") { Description = $"Validity in days (default {PrivateCertificateAuthority.DefaultLeafDays}).", DefaultValueFactory = _ => PrivateCertificateAuthority.DefaultLeafDays };
        var force = new Option<bool>("--force") { Description = "Replace this name's existing certificate (rotation)." };
        var command = new Command("issue", "Make a certificate signed by the CA in --dir: NAME.pfx and its password NAME.pfx.pw (both 0600), and print the supervisor.tls block.")
            { name, dir, sans, days, force };
        command.SetAction(p => Guarded(() => IssueCertificate(p.GetValue(dir)!, p.GetValue(name)!, p.GetValue(sans) ?? [], p.GetValue(days), p.GetValue(force), Console.Out)));
        return command;
    }

    private static int Guarded(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (CertsException e)
        {
            Console.Error.WriteLine($"supervisor certs: {e.Message}");
            return 1;
        }
    }

    public static void InitCa(string dir, TextWriter output)
    {
        var full = PrivateFiles.EnsureDirectory(dir);
        var (crt, key) = (Path.Combine(full, CaCertificateFile), Path.Combine(full, CaKeyFile));
        PrivateFiles.RefuseExisting(false, "a new CA would not trust any certificate the old one signed; use another --dir, or remove both files first if you really mean to replace the CA", crt, key);
        var now = DateTimeOffset.UtcNow;
        var ca = PrivateCertificateAuthority.CreateCa($"Supervisor CA {Environment.MachineName} {now:yyyy-MM-dd HH:mm}", now);
        PrivateFiles.Write(key, ca.KeyPem, PrivateFiles.OwnerOnly);
        PrivateFiles.Write(crt, ca.CertificatePem, PrivateFiles.Public);
        output.WriteLine($"supervisor certs: made a private CA \"{ca.Subject}\", valid for {PrivateCertificateAuthority.CaValidity.TotalDays / 365:0} years");
        output.WriteLine($"  {crt}   CA certificate: give it to every node and CLI (supervisor.tls.ca-certificate)");
        output.WriteLine($"  {key}   its private key, mode 600: never copy it to a node; keep this directory offline or backed up safely");
        output.WriteLine($"Next, per node and per operator: supervisor certs issue <name> --dir {dir} --san <its address>");
    }

    public static void IssueCertificate(string dir, string name, IReadOnlyList<string> sans, int days, bool force, TextWriter output)
    {
        if (PrivateCertificateAuthority.CheckName(name, "name") is { } badName) throw new CertsException(badName);
        if (sans.Select(PrivateCertificateAuthority.CheckSan).FirstOrDefault(e => e is not null) is { } badSan) throw new CertsException(badSan);
        if (days is < 1 or > 3650) throw new CertsException($"--days {days} is out of range; use 1 to 3650");
        var full = Path.GetFullPath(dir);
        using var ca = LoadCa(full, dir);
        var (pfx, pw) = (Path.Combine(full, name + ".pfx"), Path.Combine(full, name + ".pfx.pw"));
        PrivateFiles.RefuseExisting(force, $"pass --force to replace them (rotation), or pick another name", pfx, pw);

        var issued = PrivateCertificateAuthority.Issue(ca, name, sans, days, DateTimeOffset.UtcNow);
        // Password first: a .pfx without its password file would be useless, the reverse harmless.
        PrivateFiles.Write(pw, issued.Password + "\n", PrivateFiles.OwnerOnly);
        PrivateFiles.Write(pfx, issued.Pkcs12, PrivateFiles.OwnerOnly);
        var caCrt = Path.Combine(full, CaCertificateFile);
        output.WriteLine($"supervisor certs: issued \"{issued.Subject}\" ({string.Join(", ", issued.Names)}; serverAuth + clientAuth; valid until {issued.NotAfter:yyyy-MM-dd}) signed by \"{ca.Subject}\"");
        output.WriteLine($"  {pfx}   certificate + private key (PKCS#12), mode 600");
        output.WriteLine($"  {pw}   its password, mode 600");
        output.WriteLine($"Copy these two and {CaCertificateFile} (never {CaKeyFile}) to {name}, readable only by the service user, and paste into its config");
        output.WriteLine("(change the three paths if you put the files elsewhere):");
        output.WriteLine();
        output.WriteLine(TlsBlock(pfx, pw, caCrt));
        output.WriteLine();
        output.WriteLine("On a node: seeds become akka.ssl.tcp://supervisor@host:port (--seed host:port expands to it); every node of the cluster needs TLS on.");
        output.WriteLine("For an operator's CLI: save the block in a file of its own and pass it as --tls-config FILE (or export SUPERVISOR_TLS_CONFIG=FILE).");
    }

    /// <summary>The block to paste; a top-level <c>supervisor.tls { … }</c> merges into any config file, wherever it goes.</summary>
    public static string TlsBlock(string pfx, string passwordFile, string caCertificate) => $$"""
        supervisor.tls {
          enabled = on
          certificate = "{{pfx}}"
          certificate-password-file = "{{passwordFile}}"
          ca-certificate = "{{caCertificate}}"
        }
        """;

    private static X509Certificate2 LoadCa(string full, string dir)
    {
        var (crt, key) = (Path.Combine(full, CaCertificateFile), Path.Combine(full, CaKeyFile));
        if (!File.Exists(crt) || !File.Exists(key))
            throw new CertsException($"no CA in \"{full}\" ({CaCertificateFile} and {CaKeyFile}); make one with: supervisor certs init --dir {dir}");
        try
        {
            return X509Certificate2.CreateFromPemFile(crt, key);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CertsException($"cannot use the CA in \"{full}\" ({e.Message}); {CaCertificateFile} and {CaKeyFile} must be the pair written by supervisor certs init");
        }
    }
}
