using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Tests.Agents.Actions;

public sealed class VirshRepliesTests
{
    // What virsh 9 writes on stdout when its commands come on stdin: the prompt, the echoed command line, then the output.
    private const string ListChunk = "virsh # echo --err \"@@sv\"\"end-1\"\nvirsh # list --name --state-running\nvm-a\nvm b\n\nvirsh # echo \"@@sv\"\"end-2\"\n";

    [Fact]
    public void A_reply_keeps_the_output_and_drops_prompts_and_echoed_commands()
    {
        var reply = VirshReplies.Reply("list --name --state-running", ListChunk, "");
        Assert.Equal(["vm-a", "vm b"], reply.Lines);
        Assert.True(reply.Ok);
        Assert.Equal(["vm-a", "vm b"], VirshReplies.Names(reply));
    }

    [Fact]
    public void A_reply_with_stderr_text_is_a_failure_carrying_it()
    {
        var reply = VirshReplies.Reply("domstate 'nope'", "virsh # domstate 'nope'\n", "error: failed to get domain 'nope'\n");
        Assert.False(reply.Ok);
        Assert.Equal("error: failed to get domain 'nope'", reply.Error);
        Assert.True(VirshReplies.IsUnknownDomain(reply));
    }

    [Fact]
    public void The_end_marker_is_found_in_echo_output_but_not_in_the_echoed_command_line()
    {
        var stdout = "virsh # echo \"@@sv\"\"end-3\"\n@@svend-3virsh # ";
        var end = VirshReplies.StdoutEnd(stdout, 0, 3);
        Assert.Equal(stdout.IndexOf("\n@@svend-3", StringComparison.Ordinal) + 1, end);
        Assert.Contains("\"@@sv\"\"end-3\"", VirshReplies.EndCommands(3));
        Assert.DoesNotContain(VirshReplies.Marker(3), VirshReplies.EndCommands(3));
    }

    [Fact]
    public void The_stderr_end_is_the_error_line_virsh_prints_for_echo_err()
    {
        var stderr = "error: failed to get domain 'x'\nerror: @@svend-4\n";
        Assert.Equal(stderr.IndexOf("error: @@svend-4", StringComparison.Ordinal), VirshReplies.StderrEnd(stderr, 0, 4));
        Assert.Equal(-1, VirshReplies.StderrEnd(stderr, 0, 5));
    }

    [Theory]
    [InlineData("vm-1", "'vm-1'")]
    [InlineData("my vm", "'my vm'")]
    [InlineData("it's", "'it'\\''s'")]
    public void A_domain_name_is_quoted_as_one_virsh_argument(string name, string quoted) =>
        Assert.Equal(quoted, VirshReplies.Quote(name));

    [Fact]
    public void A_domstate_reply_reads_the_state_word()
    {
        Assert.Equal("running", DomainState.Read(new VirshReply(["running"], ""), listed: true).State);
        Assert.True(DomainState.Read(new VirshReply(["shut off"], ""), listed: true).IsOff);
        Assert.False(DomainState.Read(new VirshReply(["paused"], ""), listed: true).IsOff);
    }

    [Fact]
    public void A_domain_virsh_cannot_find_is_gone_only_when_list_all_no_longer_lists_it()
    {
        var notFound = VirshReply.Failed("error: failed to get domain 'vm-t'");
        Assert.True(DomainState.Read(notFound, listed: false).Gone);
        var stillListed = DomainState.Read(notFound, listed: true);
        Assert.False(stillListed.IsOff);
        Assert.Equal("error: failed to get domain 'vm-t'", stillListed.Problem);
    }
}
