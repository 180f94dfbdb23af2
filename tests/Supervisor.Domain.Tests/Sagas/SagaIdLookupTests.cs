using Supervisor.Domain.Sagas;

namespace Supervisor.Domain.Tests.Sagas;

public class SagaIdLookupTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);

    private static readonly (string, DateTimeOffset?)[] Known =
    [
        ("rack-a-1-20261207T200000", T), ("rack-a-2-20261207T210000", T.AddHours(1)), ("rack-b-1-20261207T203000", T.AddMinutes(30)),
    ];

    [Theory]
    [InlineData("rack-a-2-20261207T210000", "rack-a-2-20261207T210000")]
    [InlineData("latest", "rack-a-2-20261207T210000")]
    [InlineData("rack-b", "rack-b-1-20261207T203000")]
    [InlineData("rack-a-1", "rack-a-1-20261207T200000")]
    public void An_id_latest_or_a_unique_prefix_should_name_one_saga(string asked, string expected) =>
        Assert.Equal(new SagaIdMatch.One(expected), SagaIdLookup.Resolve(asked, Known));

    [Fact]
    public void A_prefix_of_several_should_name_them_all_in_order()
    {
        var several = Assert.IsType<SagaIdMatch.Several>(SagaIdLookup.Resolve("rack-a", Known));
        Assert.Equal(["rack-a-1-20261207T200000", "rack-a-2-20261207T210000"], several.SagaIds);
    }

    [Theory]
    [InlineData("rack-c")]
    [InlineData("")]
    public void Nothing_matching_should_be_none(string asked) => Assert.IsType<SagaIdMatch.None>(SagaIdLookup.Resolve(asked, Known));

    [Fact]
    public void Latest_with_no_sagas_should_be_none() => Assert.IsType<SagaIdMatch.None>(SagaIdLookup.Resolve("latest", []));
}
