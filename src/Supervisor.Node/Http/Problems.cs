using Microsoft.AspNetCore.Mvc;

namespace Supervisor.Node.Http;

/// <summary>Every error the API answers is an RFC 9457 problem body (application/problem+json) that says what to do.</summary>
internal static class Problems
{
    public static IResult Of(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>A 400 naming the query parameter (or <c>body</c>) that is wrong, in <c>errors</c> as ASP.NET's validation problems do.</summary>
    public static IResult BadParameter(string parameter, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [detail] }, detail, title: $"bad value for {parameter}");

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, options: null, contentType: "application/problem+json");
    }
}
