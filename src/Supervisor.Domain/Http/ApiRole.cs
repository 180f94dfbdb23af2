namespace Supervisor.Domain.Http;

/// <summary>What an API key may do; each role may do everything the ones below it may.</summary>
public enum ApiRole
{
    /// <summary>Read every route.</summary>
    Viewer,

    /// <summary>Also steer: send a test notification, abort a saga (and later ack, silence, maintenance).</summary>
    Operator,

    /// <summary>Also administer (reserved for cluster membership and settings routes).</summary>
    Admin,
}

/// <summary>The roles as config and the CLI spell them.</summary>
public static class ApiRoles
{
    public static IReadOnlyDictionary<string, ApiRole> ByName { get; } = new Dictionary<string, ApiRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["viewer"] = ApiRole.Viewer,
        ["operator"] = ApiRole.Operator,
        ["admin"] = ApiRole.Admin,
    };

    public static string Name(ApiRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Whether a key with <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Allows(this ApiRole held, ApiRole needed) => held >= needed;
}
