using System.Text.Json.Nodes;
using ByteStack.Server.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ByteStack.Server.Hosting;

/// <summary>
/// The OpenAPI 3.1 document at <c>/openapi/v1.json</c> (committed as <c>docs/openapi.json</c>, written by
/// <c>bytestack openapi</c>) and its interactive reference at <c>/docs</c>. Schemas come from the
/// contract types; these transformers add what the generator cannot know: the bearer scheme and
/// its 401/403 answers, instants as date-times, the two forms of a schedule, and examples.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    private const string Bearer = "bearer";

    public static void AddApiDocument(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi(Name, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ByteStack API",
                    Version = "v1",
                    Description = "Scheduled and one-off questions about what is said online. JSON in and out, snake_case, " +
                        "UTC times to the second. Errors are RFC 9457 problem documents with a stable `code`. " +
                        "Send `Authorization: Bearer <key>`; `read` covers every GET, `write` adds changes, `admin` adds keys, webhooks and the bucket.",
                };
                // The document must not depend on the address it was fetched from: it is committed.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [Bearer] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "bsk_…",
                        Description = "An API key of the project (`bytestack serve` prints the first admin key once and saves it to data/admin.key).",
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                // A stored file is a job's or a query's result file (raw logs under logs/ have their own shape).
                if (operation.OperationId == "downloadFile" && operation.Responses?["200"].Content?["application/json"] is { } file)
                    file.Schema = new OpenApiSchema { AnyOf = [file.Schema!, await context.GetOrCreateSchemaAsync(typeof(QueryResultFile), null, ct)] };
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var authorize = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().ToList();
                if (authorize.Count == 0) return Task.CompletedTask;
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem("No, a malformed or a revoked API key.", context.Document!));
                if (authorize.Any(a => a.Policy is not null && a.Policy != Scopes.Read))
                    operation.Responses.TryAdd("403", Problem("The API key lacks the scope.", context.Document!));
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                // A field left out when null (failure, error, result, …) is not required, however its constructor reads.
                if (schema.Required is { Count: > 0 } required)
                {
                    foreach (var optional in context.JsonTypeInfo.Properties.Where(p => p.ShouldSerialize is not null)) required.Remove(optional.Name);
                }
                if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
                {
                    schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Format = "date-time";
                    schema.Examples = [JsonValue.Create("2026-04-30T08:00:00Z")];
                }
                else if (type == typeof(ScheduleInput))
                {
                    schema.Type = null;
                    schema.Properties = null;
                    schema.OneOf =
                    [
                        new OpenApiSchema { Type = JsonSchemaType.String, Description = "every_hour, every_6_hours, every_12_hours, daily, a 5-field cron expression or a macro such as @hourly" },
                        new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "type" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("interval"), JsonValue.Create("cron")] },
                                ["interval"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                ["expression"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            },
                        },
                    ];
                    schema.Examples = [JsonValue.Create("0 8 * * *")];
                }
                else if (Examples.TryGetValue(type, out var example))
                {
                    schema.Examples = [JsonNode.Parse(example)!];
                }
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi().WithName("getOpenApiDocument").ExcludeFromDescription();
        app.MapScalarApiReference("/docs", options => options.WithTitle("ByteStack API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .ExcludeFromDescription();
    }

    /// <summary>
    /// The document exactly as <c>GET /openapi/v1.json</c> serves it, for <c>bytestack openapi</c>: a
    /// throw-away API-only node on a free loopback port and a temporary data directory answers it.
    /// </summary>
    public static async Task<string> ServedAsync(CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("bytestack-openapi-");
        // The throw-away node's first start would print its admin key; only the document may reach the output.
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            await using var app = await ServerApp.StartAsync(
                [$"--ByteStack:DataDir={dataDir.FullName}", "--urls=http://127.0.0.1:0", "--ByteStack:Engine:Roles=api", "--Logging:LogLevel:Default=Warning"], ct: ct);
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var json = await http.GetStringAsync($"/openapi/{Name}.json", ct);
            await app.StopAsync(ct);
            return json.EndsWith('\n') ? json : json + "\n";
        }
        finally
        {
            Console.SetOut(console);
            dataDir.Delete(recursive: true);
        }
    }

    private static OpenApiResponse Problem(string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ApiMetadata.ProblemJson] = new() { Schema = new OpenApiSchemaReference(nameof(ApiProblem), document) },
        },
    };

    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(CreateJobRequest)] = """{"name": "Acme on Hacker News", "prompt": "How many times was Acme mentioned on Hacker News today?", "sources": ["hackernews", "news"], "schedule": "0 8 * * *", "limit": 100}""",
        [typeof(UpdateJobRequest)] = """{"schedule": "every_6_hours", "state": "paused"}""",
        [typeof(CreateQueryRequest)] = """{"prompt": "What do people say about Acme this week?", "sources": ["hackernews", "news"], "date_range": {"from": "2026-04-24", "to": "2026-04-30"}}""",
        [typeof(DateRangeInput)] = """{"from": "2026-04-24", "to": "2026-04-30T23:59:59Z"}""",
        [typeof(ConnectBucketRequest)] = """{"endpoint": "https://s3.us-east-1.amazonaws.com", "bucket": "acme-results", "access_key": "AKIAIOSFODNN7EXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "region": "us-east-1"}""",
        [typeof(CreateWebhookRequest)] = """{"url": "https://hooks.example.com/bytestack", "events": ["job.completed"]}""",
        [typeof(CreateKeyRequest)] = """{"name": "reporting", "scopes": ["read"]}""",
        [typeof(RetryDeliveriesRequest)] = """{"ids": ["dlv_01kqex9f80fg5b8t3wmzd5scgx"]}""",
        [typeof(ApiProblem)] = """{"type": "urn:bytestack:error:invalid_schedule", "title": "The request is not valid.", "status": 422, "detail": "schedule: '0 0 30 2 *' never fires.", "code": "invalid_schedule", "errors": {"schedule": ["schedule: '0 0 30 2 *' never fires."]}}""",
        [typeof(JobWarning)] = """{"code": "source_needs_credentials", "source": "x", "detail": "x needs credentials, so runs will report it unavailable. Set ByteStack:Sources:X:BearerToken (X API v2 app-only bearer token)."}""",
    };
}
