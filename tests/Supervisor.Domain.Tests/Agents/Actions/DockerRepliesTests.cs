using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Tests.Agents.Actions;

/// <summary>The Docker Engine API replies (ContainerList, ContainerInspect, ErrorResponse) and the choice of containers to stop.</summary>
public sealed class DockerRepliesTests
{
    private const string List = """
        [{"Id":"8dfafdbc3a40","Names":["/web"],"Image":"nginx","State":"running","Status":"Up 3 hours","Labels":{}},
         {"Id":"9cd87474be90","Names":["/db","/web/db-link"],"State":"running"}]
        """;

    [Fact]
    public void The_container_list_gives_id_first_name_without_slash_and_state_and_ignores_other_fields()
    {
        var parsed = DockerReplies.ContainerList(List);
        Assert.Null(parsed.Problem);
        Assert.Equal([new DockerContainer("8dfafdbc3a40", "web", "running"), new DockerContainer("9cd87474be90", "db", "running")], parsed.Value!);
    }

    [Theory]
    [InlineData("<html>", "the container list is not JSON: <html>")]
    [InlineData("{\"message\":\"x\"}", "the container list is not a JSON array")]
    [InlineData("[{\"Names\":[\"/web\"]}]", "an entry of the container list has no Id")]
    [InlineData("", "the container list is not JSON: (empty reply)")]
    public void A_malformed_container_list_says_what_is_wrong(string body, string problem) =>
        Assert.Equal(problem, DockerReplies.ContainerList(body).Problem);

    [Theory]
    [InlineData("{\"State\":{\"Status\":\"exited\",\"Running\":false}}", false)]
    [InlineData("{\"State\":{\"Status\":\"running\",\"Running\":true}}", true)]
    public void Inspect_reads_State_Running(string body, bool running) => Assert.Equal(running, DockerReplies.Running(body).Value);

    [Fact]
    public void Inspect_without_State_Running_is_a_problem() =>
        Assert.Equal("the container's state has no State.Running", DockerReplies.Running("{\"State\":{}}").Problem);

    [Theory]
    [InlineData("{\"message\":\"No such container: x\"}", "No such container: x")]
    [InlineData("upstream down", "upstream down")]
    [InlineData("", "(empty reply)")]
    public void An_error_reply_gives_the_engines_message_or_the_body(string body, string message) =>
        Assert.Equal(message, DockerReplies.ErrorMessage(body));

    [Fact]
    public void Control_characters_from_the_engine_are_escaped() =>
        Assert.DoesNotContain('\u001b', DockerReplies.ErrorMessage("{\"message\":\"bad\\u001b[31m\"}"));

    private static readonly DockerContainer[] Running = [new("8dfafdbc3a40", "web", "running"), new("9cd87474be90", "db", "running")];

    [Fact]
    public void No_configured_containers_means_every_running_one_addressed_by_id() =>
        Assert.Equal([new DockerTarget("8dfafdbc3a40", "web", true), new DockerTarget("9cd87474be90", "db", true)], DockerPlan.Targets([], Running));

    [Fact]
    public void Configured_containers_match_by_name_or_id_prefix_and_others_stay_targets_not_running() =>
        Assert.Equal([new DockerTarget("9cd87474be90", "db", true), new DockerTarget("8dfafdbc3a40", "8dfa", true), new DockerTarget("cache", "cache", false)],
            DockerPlan.Targets(["db", "8dfa", "cache", "db"], Running));
}
