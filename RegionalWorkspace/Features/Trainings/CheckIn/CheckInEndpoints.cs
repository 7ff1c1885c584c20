using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>The JSON check-in, for clients other than the participant's page (kiosks, scripts, the benchmark).</summary>
public sealed record CheckInRequest(int? SessionId, string? Code, string? Identifier);

public static class CheckInEndpoints
{
    /// <summary>A check-in request is three short fields; anything bigger is refused before it is read.</summary>
    public const int MaxRequestBytes = 4 * 1024;

    /// <summary>
    /// <c>POST /api/checkin</c> <c>{"sessionId","code","identifier"}</c> → 200 <c>{"status","name","markedAt","message"}</c>,
    /// or 4xx <c>{"error","reason"}</c> with the refusal said in the request's language. Anonymous (participants are not
    /// workspace users). No antiforgery token: the request carries no cookie authority to abuse, only its own proof
    /// (the code on the screen and the participant's identifier), so a forged cross-site request can do no more than
    /// its sender could do directly; the attempt bounds apply as on the page.
    /// </summary>
    public static IEndpointRouteBuilder MapCheckInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/checkin", CheckInAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>The key the attempt bounds count by: the caller's address as this server sees it.</summary>
    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task<IResult> CheckInAsync(HttpContext http, CheckInService service, IStringLocalizer<Strings> l)
    {
        if (http.Request.ContentLength > MaxRequestBytes)
        {
            return Error(l, StatusCodes.Status413PayloadTooLarge, "too-large", "CheckIn.Refused.TooLarge");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxRequestBytes;
        }

        CheckInRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<CheckInRequest>(http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? Error(l, StatusCodes.Status413PayloadTooLarge, "too-large", "CheckIn.Refused.TooLarge")
                : Error(l, StatusCodes.Status400BadRequest, "malformed", "CheckIn.Refused.Missing");
        }

        if (request?.SessionId is not { } sessionId)
        {
            return Error(l, StatusCodes.Status400BadRequest, "missing", "CheckIn.Refused.Missing");
        }

        var result = await service.CheckInAsync(sessionId, request.Code, request.Identifier, ClientKey(http), http.RequestAborted);
        var message = l[result.MessageKey, result.Arguments.ToArray()].Value;
        if (result.Succeeded)
        {
            return Results.Ok(new { status = result.Status.ToString(), name = result.ParticipantName, markedAt = result.MarkedAtUtc, message });
        }

        var refusal = result.Refusal!.Value;
        return Results.Json(new { error = message, reason = Reason(refusal) }, statusCode: StatusOf(refusal));
    }

    private static int StatusOf(CheckInRefusal refusal) => refusal switch
    {
        CheckInRefusal.Missing => StatusCodes.Status400BadRequest,
        CheckInRefusal.SessionNotFound => StatusCodes.Status404NotFound,
        CheckInRefusal.TooManyAttempts or CheckInRefusal.TooManyFailures => StatusCodes.Status429TooManyRequests,
        CheckInRefusal.AlreadyPresent or CheckInRefusal.AlreadyLate => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>A stable, machine-readable refusal: "code-expired", "already-present"…</summary>
    public static string Reason(CheckInRefusal refusal) =>
        string.Concat(refusal.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static IResult Error(IStringLocalizer<Strings> l, int status, string reason, string key) =>
        Results.Json(new { error = l[key].Value, reason }, statusCode: status);
}
