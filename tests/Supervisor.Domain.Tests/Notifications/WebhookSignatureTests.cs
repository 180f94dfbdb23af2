using System.Text;
using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Matches_the_standard_webhooks_reference_example()
    {
        // The example of the Standard Webhooks reference libraries (spec repository, libraries/*/tests).
        var key = WebhookSignature.Key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!;
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body));
    }

    [Fact]
    public void A_secret_without_the_prefix_is_its_utf8_bytes() =>
        Assert.Equal(Encoding.UTF8.GetBytes("plain"), WebhookSignature.Key("plain"));

    [Fact]
    public void A_whsec_secret_that_is_not_base64_has_no_key() => Assert.Null(WebhookSignature.Key("whsec_not base64!"));
}
