using Supervisor.Domain.Http;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.http.users</c>: dashboard users with a bcrypt password hash and a role; anything else is refused naming the key and the fix.</summary>
public class HttpUsersConfigTests
{
    private const string Base = "supervisor.devices.ups-a { " + NutDevice + " }\n" + RackA;
    private const string Bcrypt = "$2a$04$abcdefghijklmnopqrstuuNWcYJD1cjJx5vcaKpg5hdNk0P4H.C7m";

    [Fact]
    public void Users_should_be_read_with_their_hash_and_role()
    {
        var http = LoadValid(Base + $"\nsupervisor.http.users.alice {{ password-hash = \"{Bcrypt}\", role = operator }}").Http;
        var user = Assert.Single(http.Users);
        Assert.Equal(("alice", Bcrypt, ApiRole.Operator), (user.Name, user.PasswordHash, user.Role));
    }

    [Theory]
    [InlineData("password-hash = \"hunter2\", role = viewer", "supervisor.http.users.alice.password-hash", "is not a bcrypt hash")]
    [InlineData("password-hash = \"sha256:0123\", role = viewer", "supervisor.http.users.alice.password-hash", "supervisor hash-password")]
    [InlineData("role = viewer", "supervisor.http.users.alice.password-hash", "supervisor hash-password")]
    [InlineData("password-hash = \"BCRYPT\"", "supervisor.http.users.alice.role", "viewer | operator | admin")]
    public void Users_should_refuse_a_bad_entry_at_its_path_with_the_fix(string body, string path, string fix)
    {
        var result = Load(Base + "\nsupervisor.http.users.alice { " + body.Replace("BCRYPT", Bcrypt) + " }");
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(fix, error.Message);
        Assert.DoesNotContain("hunter2", error.Message); // a password pasted as the hash is not echoed
    }

    [Fact]
    public void A_user_should_count_as_auth_for_a_listener_the_network_reaches()
    {
        var result = Load(Base + $"\nsupervisor.http {{ enabled = on, listen = \"0.0.0.0:8080\", users.alice {{ password-hash = \"{Bcrypt}\", role = admin }} }}");
        Assert.DoesNotContain(result.Errors, e => e.Path == "supervisor.http.listen");
    }
}
