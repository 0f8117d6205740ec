using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ByteStack.Server.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>
/// The OpenAPI document is the contract clients are generated from: it must be the committed one,
/// list every route the server maps, and describe what the server really answers.
/// </summary>
public sealed class OpenApiTests(Servers servers) : IClassFixture<Servers>
{
    private const string Regenerate = "dotnet run --project src/ByteStack.Server -- openapi --output docs/openapi.json";

    /// <summary>docs/openapi.json of this checkout (the fuzz test reads its operations from it too).</summary>
    public static string CommittedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ByteStack.slnx"))) return Path.Combine(dir.FullName, "docs", "openapi.json");
        }
        throw new InvalidOperationException("The repository root (ByteStack.slnx) is not above the test binaries.");
    }

    private async Task<(RunningServer Server, JsonNode Document)> ServedAsync()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        var json = await server.Client().GetStringAsync("/openapi/v1.json");
        return (server, JsonNode.Parse(json)!);
    }

    [Fact]
    public async Task ServedDocument_EqualsDocsOpenApiJson()
    {
        var (_, served) = await ServedAsync();

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath()));

        Assert.True(JsonNode.DeepEquals(served, committed),
            $"docs/openapi.json differs from the document the server serves. Regenerate it with: {Regenerate}");
    }

    [Fact]
    public async Task Document_ListsEveryMappedRoute_WithOperationIdAndSchemas()
    {
        var (server, document) = await ServedAsync();
        var validator = new SchemaValidator(document);
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .ToList();

        // What stays out of it is not the API: the document itself, its reference UI and the
        // dashboard's HTML pages and form posts. Nothing under /v1, and no probe, may hide.
        var hidden = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        Assert.All(hidden, pattern => Assert.False(pattern.StartsWith("/v1") || pattern is "/healthz" or "/readyz" or "/metrics", $"{pattern} is hidden from the document"));

        var checkedOperations = 0;
        foreach (var endpoint in endpoints.Where(e => !hidden.Contains(e.RoutePattern.RawText!)))
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/').Replace("{**", "{");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {path} is mapped but not in the document");
                Assert.False(string.IsNullOrEmpty(operation!["operationId"]?.GetValue<string>()), $"{method} {path} has no operationId");
                var responses = operation["responses"]!.AsObject();
                Assert.Contains(responses, r => r.Key.StartsWith('2'));
                foreach (var (status, response) in responses)
                {
                    if (status is "204" or "206" or "304" || method == "HEAD") continue;
                    var content = response!["content"]?.AsObject();
                    Assert.True(content is { Count: > 0 }, $"{method} {path} {status} has no content schema");
                    foreach (var (_, media) in content!) validator.Resolve(media!["schema"]!);
                    // Errors are problem documents; /readyz's 503 is the health report itself.
                    if (status[0] is '4' or '5' && path != "/readyz")
                        Assert.True(content!.ContainsKey("application/problem+json"), $"{method} {path} {status} is not a problem document");
                }
                if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is not null)
                    validator.Resolve(operation["requestBody"]!["content"]!["application/json"]!["schema"]!);
                checkedOperations++;
            }
        }
        Assert.True(checkedOperations >= 40, $"only {checkedOperations} operations were checked");
    }

    [Fact]
    public async Task Responses_OfARunningServer_MatchTheDocumentsSchemas()
    {
        var (server, document) = await ServedAsync();
        var validator = new SchemaValidator(document);
        var client = await server.NewProjectClientAsync();
        var checkedResponses = new List<string>();

        async Task<JsonNode?> Check(string method, string template, string path, string? body = null, HttpClient? with = null)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await (with ?? client).SendAsync(request);
            var status = ((int)response.StatusCode).ToString();
            var operation = document["paths"]![template]![method.ToLowerInvariant()]!;
            var declared = operation["responses"]![status];
            Assert.True(declared is not null, $"{method} {path} answered {status}, which the document does not list");
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.NoContent) return null;
            var mediaType = response.Content.Headers.ContentType!.MediaType!;
            var schema = declared!["content"]?[mediaType]?["schema"];
            Assert.True(schema is not null, $"{method} {path} {status} answered {mediaType}, which the document does not list");
            var json = JsonNode.Parse(text);
            var errors = validator.Validate(json, schema!);
            Assert.True(errors.Count == 0, $"{method} {path} {status}:\n{string.Join("\n", errors)}");
            checkedResponses.Add($"{method} {template} {status}");
            return json;
        }

        var job = await Check("POST", "/v1/jobs", "/v1/jobs",
            """{"name":"Acme","prompt":"Acme on Hacker News today","sources":["hackernews","youtube"],"schedule":{"type":"cron","expression":"0 8 * * *"},"date_range":{"from":"2026-04-01","to":"2026-04-30"},"webhook_url":null}""");
        var id = job!["id"]!.GetValue<string>();
        Assert.Equal("youtube", job["warnings"]![0]!["source"]!.GetValue<string>());
        await Check("GET", "/v1/jobs", "/v1/jobs?limit=1");
        await Check("GET", "/v1/jobs/{id}", $"/v1/jobs/{id}");
        await Check("PATCH", "/v1/jobs/{id}", $"/v1/jobs/{id}", """{"schedule":"every_hour","date_range":null}""");
        await Check("POST", "/v1/jobs/{id}/pause", $"/v1/jobs/{id}/pause");
        await Check("POST", "/v1/jobs/{id}/resume", $"/v1/jobs/{id}/resume");
        var run = await Check("POST", "/v1/jobs/{id}/run", $"/v1/jobs/{id}/run");
        await Check("POST", "/v1/jobs/{id}/run", $"/v1/jobs/{id}/run");
        await Check("GET", "/v1/runs/{id}", $"/v1/runs/{run!["id"]}");
        await Check("GET", "/v1/runs/{id}/logs", $"/v1/runs/{run["id"]}/logs");
        await Check("GET", "/v1/jobs/{id}/runs", $"/v1/jobs/{id}/runs");
        await Check("GET", "/v1/timeline", "/v1/timeline?tz=Europe/Berlin");
        await Check("GET", "/v1/jobs/{id}/timeline", $"/v1/jobs/{id}/timeline");
        await Check("GET", "/v1/schedules/preview", "/v1/schedules/preview?schedule=daily&count=3");
        await Check("GET", "/v1/sources", "/v1/sources");
        var query = await Check("POST", "/v1/queries", "/v1/queries", """{"prompt":"Acme","sources":["hackernews"]}""");
        await Check("GET", "/v1/queries/{id}", $"/v1/queries/{query!["id"]}");
        await Check("GET", "/v1/storage", "/v1/storage");
        await Check("GET", "/v1/storage/{key}", $"/v1/storage/{id}%2F2026-04-30T08:00:00Z.json");
        await Check("GET", "/v1/storage/bucket", "/v1/storage/bucket");
        await Check("GET", "/v1/storage/deliveries", "/v1/storage/deliveries?status=failed");
        await Check("POST", "/v1/storage/deliveries/retry", "/v1/storage/deliveries/retry");
        await Check("GET", "/v1/webhooks", "/v1/webhooks");
        await Check("POST", "/v1/webhooks", "/v1/webhooks", """{"url":"http://127.0.0.1/hook"}""");
        await Check("POST", "/v1/webhooks/signing-secret", "/v1/webhooks/signing-secret");
        var key = await Check("POST", "/v1/keys", "/v1/keys", """{"name":"reader"}""");
        await Check("GET", "/v1/keys", "/v1/keys");
        await Check("DELETE", "/v1/storage/bucket", "/v1/storage/bucket", with: server.Client(key!["key"]!.GetValue<string>()));
        await Check("DELETE", "/v1/keys/{id}", $"/v1/keys/{key["id"]}");
        await Check("POST", "/v1/jobs", "/v1/jobs", """{"name":"","schedul":"daily","limit":"5"}""");
        await Check("POST", "/v1/jobs", "/v1/jobs", "{", with: client);
        await Check("GET", "/v1/jobs", "/v1/jobs?limit=ten");
        await Check("GET", "/v1/jobs", "/v1/jobs", with: server.Client());
        await Check("DELETE", "/v1/jobs/{id}", $"/v1/jobs/{id}");
        await Check("GET", "/healthz", "/healthz", with: server.Client());
        await Check("GET", "/readyz", "/readyz", with: server.Client());

        // Each kind of answer above was checked: values, lists, problems (400, 401, 403, 404, 409, 422).
        Assert.Contains("POST /v1/jobs 201", checkedResponses);
        Assert.Contains("POST /v1/jobs 422", checkedResponses);
        Assert.Contains("POST /v1/jobs/{id}/run 409", checkedResponses);
        Assert.Contains("GET /v1/jobs 401", checkedResponses);
        Assert.Contains("DELETE /v1/storage/bucket 403", checkedResponses);
        Assert.Contains("POST /v1/queries 202", checkedResponses);
    }
}
