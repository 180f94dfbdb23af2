using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Tests.Notifications;

public sealed class MessageTemplateTests
{
    private static readonly Notification N = new("n-1", "ONBATT", EventSeverity.Warning, new EventSubject(SubjectKind.Device, "ups-a"),
        "ups-a on battery", "charge 97 %", DateTimeOffset.UnixEpoch, new Dictionary<string, string> { ["charge"] = "97" });

    [Fact]
    public void Every_placeholder_renders_from_the_notification() =>
        Assert.Equal("ONBATT warning ups-a | ups-a on battery | charge 97 % | 97",
            MessageTemplate.Render("{kind} {severity} {subject} | {title} | {message} | {field.charge}", N));

    [Fact]
    public void A_field_the_notification_lacks_renders_as_nothing() =>
        Assert.Equal("runtime  min", MessageTemplate.Render("runtime {field.runtime} min", N));

    [Fact]
    public void Doubled_braces_are_literal_braces()
    {
        Assert.Equal("{kind} = ONBATT}", MessageTemplate.Render("{{kind}} = {kind}}}", N));
        Assert.Empty(MessageTemplate.Problems("{{kind}} = {kind}}}"));
    }

    [Theory]
    [InlineData("{kind} {severity} {subject} {title} {message} {field.x}")]
    [InlineData("no placeholders at all")]
    [InlineData("")]
    public void Known_placeholders_have_no_problems(string template) => Assert.Empty(MessageTemplate.Problems(template));

    [Theory]
    [InlineData("{device}", "unknown placeholder {device}")]
    [InlineData("{field.}", "unknown placeholder {field.}")]
    [InlineData("charge {charge", "never closed")]
    [InlineData("a } b", "a lone }")]
    public void Unknown_placeholders_and_unbalanced_braces_are_problems(string template, string expected) =>
        Assert.Contains(expected, Assert.Single(MessageTemplate.Problems(template)));

    [Property]
    public bool Text_without_braces_renders_unchanged(NonNull<string> text)
    {
        var plain = text.Get.Replace("{", "").Replace("}", "");
        return MessageTemplate.Render(plain, N) == plain && MessageTemplate.Problems(plain).Count == 0;
    }
}
