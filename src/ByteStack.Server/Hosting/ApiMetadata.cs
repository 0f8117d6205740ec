namespace ByteStack.Server.Hosting;

/// <summary>What an endpoint answers, declared next to its mapping so the OpenAPI document lists every real status code.</summary>
public static class ApiMetadata
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>A JSON answer of <typeparamref name="T"/> with <paramref name="status"/>.</summary>
    public static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder endpoint, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<T>(status, "application/json");

    /// <summary>Problem documents with these status codes.</summary>
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses) endpoint.Produces<ApiProblem>(status, ProblemJson);
        return endpoint;
    }

    /// <summary>A JSON body of <typeparamref name="T"/>, and the answers a body can get: 400 malformed, 413 too large, 415 not JSON, 422 invalid.</summary>
    public static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder endpoint, bool required = true) where T : notnull =>
        endpoint.Accepts<T>(isOptional: !required, "application/json")
            .Fails(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
}
