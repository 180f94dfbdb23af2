using Supervisor.Node.Cli;

namespace Supervisor.IntegrationTests.Http;

/// <summary><c>supervisor hash-password</c>: the password from stdin, its bcrypt hash on stdout (which validate accepts and login verifies).</summary>
public sealed class HashPasswordCommandTests
{
    [Fact]
    public void Hash_password_should_print_a_bcrypt_hash_of_the_password_read_from_stdin()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, HashPasswordCommand.Print(new StringReader("correct horse\n"), output, errors));
        var hash = output.ToString().Trim();
        Assert.True(Supervisor.Domain.Configuration.PasswordHash.IsBcrypt(hash), hash);
        Assert.StartsWith("$2a$12$", hash);
        Assert.True(BCrypt.Net.BCrypt.Verify("correct horse", hash));
        Assert.DoesNotContain("correct horse", output.ToString());
    }

    [Fact]
    public void Hash_password_should_exit_2_with_the_fix_when_stdin_is_empty()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, HashPasswordCommand.Print(new StringReader(""), output, errors));
        Assert.Contains("no password on stdin", errors.ToString());
        Assert.Empty(output.ToString());
    }
}
