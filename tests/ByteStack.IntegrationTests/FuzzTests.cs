using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>
/// Generated hostile requests to every operation <c>docs/openapi.json</c> lists: wrong types, invalid
/// UTF-8, control characters, huge and negative numbers, odd keys, odd path segments. Whatever the
/// input, the answer is never a 5xx, and every error is a problem document with a stable code.
/// Bounded in count and time; the seed is fixed, so a failure names a request that can be replayed.
/// </summary>
public sealed partial class FuzzTests(Servers servers) : IClassFixture<Servers>
{
    private const int RequestsPerOperation = 80;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    private sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In, string Type)> Parameters, IReadOnlyList<string> BodyFields, bool HasBody);

    [Fact]
    public async Task Fuzz_AnswersNoServerErrorAndAProblemWithACode_ForHostileRequestsToEveryOperation()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        var client = await server.NewProjectClientAsync();
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(OpenApiTests.CommittedPath()));
        var operations = Operations(document.RootElement);
        Assert.True(operations.Count >= 30, $"the OpenAPI document lists {operations.Count} operations");
        var random = new Random(20261202);
        var watch = Stopwatch.StartNew();
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in operations)
        {
            for (var i = 0; i < RequestsPerOperation && watch.Elapsed < Budget; i++)
            {
                using var request = Generate(operation, random);
                var shown = $"{request.Method} {request.RequestUri} {(request.Content is null ? "" : Convert.ToHexString(await request.Content.ReadAsByteArrayAsync()))}";
                using var response = await client.SendAsync(request);
                sent++;
                if (await Judge(response) is { } failure) failures.Add($"{failure}: {(shown.Length > 300 ? shown[..300] + "…" : shown)}");
            }
        }

        Assert.True(sent >= operations.Count * 20, $"only {sent} requests were sent within {Budget}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests were answered badly:\n{string.Join("\n", failures.Take(20))}");
    }

    private static async Task<string?> Judge(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"{status}";
        if (status < 400) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"{status} without a problem body";
        JsonElement problem;
        try { problem = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement; }
        catch (JsonException e) { return $"{status} with a body that is not JSON ({e.Message})"; }
        if (!problem.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || !StableCode().IsMatch(code.GetString()!))
            return $"{status} without a stable code";
        return problem.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status ? null : $"{status} whose problem has another status";
    }

    private static List<Operation> Operations(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var method in path.Value.EnumerateObject())
        {
            if (method.Name is "parameters" or "summary" or "description" || method.Name == "head") continue;
            var op = method.Value;
            var parameters = op.TryGetProperty("parameters", out var ps)
                ? ps.EnumerateArray().Select(p => (p.Str("name"), p.Str("in"), p.TryGetProperty("schema", out var sc) && sc.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "string")).ToList()
                : [];
            var fields = new List<string>();
            var hasBody = op.TryGetProperty("requestBody", out var body);
            if (hasBody && body.TryGetProperty("content", out var content))
            {
                foreach (var media in content.EnumerateObject())
                {
                    var schema = media.Value.TryGetProperty("schema", out var sc) ? sc : default;
                    if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var r) && schemas.ValueKind == JsonValueKind.Object)
                        schema = schemas.TryGetProperty(r.GetString()!.Split('/')[^1], out var resolved) ? resolved : default;
                    if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var props))
                        fields.AddRange(props.EnumerateObject().Select(p => p.Name));
                }
            }
            operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, fields, hasBody));
        }
        return operations;
    }

    private static readonly string[] HostileStrings =
    [
        "", " ", "\u0000", "a\u0000b", "\r\nX-Evil: 1", "\t", "\u001b[31m", "\u2028", "\ud83d\ude00", "é", "ﬀ", "../../etc/passwd", "..", "%00", "%2e%2e%2f",
        "' OR 1=1 --", "<script>", "${jndi:x}", "null", "true", "0", "-1", "+5", " 5", "1e309", "99999999999999999999", "-2147483649", "NaN",
        "9999-12-31", "0001-01-01", "2026-02-30", "job_", "job_01hx9jk2p4n5m6r7s8t9v0v1wq", "dlv_zzzzzzzzzzzzzzzzzzzzzzzzzz", "* * * * *", "0 0 30 2 *", "@reboot",
        "rss:http://127.0.0.1.:9/", "http://[::1]:9/", "http://0x7f.1/", "ftp://x", "Pacific/Kiritimati", "Mars/Olympus", "\ufeff", "\ufffe",
    ];

    private static string HostileString(Random random) => random.Next(12) switch
    {
        0 => new string('a', random.Next(1, 5) * 2000),
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => (char)random.Next(0, 0x80))),
        _ => HostileStrings[random.Next(HostileStrings.Length)],
    };

    private static string HostileJson(Random random, int depth = 0) => random.Next(depth > 2 ? 9 : 12) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => new[] { "0", "-1", "2147483648", "-2147483649", "1e309", "-0", "1.5", "99999999999999999999999", "1E-400" }[random.Next(9)],
        3 => JsonSerializer.Serialize(random.Next(int.MinValue, int.MaxValue)),
        4 or 5 or 6 or 7 => JsonSerializer.Serialize(HostileString(random)),
        8 => "\"\\ud800\"",
        9 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => HostileJson(random, depth + 1))) + "]",
        10 => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => $"{JsonSerializer.Serialize(HostileString(random))}:{HostileJson(random, depth + 1)}")) + "}",
        _ => new string('[', 80) + new string(']', 80),
    };

    private static HttpRequestMessage Generate(Operation operation, Random random)
    {
        var path = Regex.Replace(operation.Path, @"\{\*{0,2}(?<name>[^}]+)\}", _ => Uri.EscapeDataString(HostileString(random)) is { Length: > 0 } v ? v : "x");
        var query = operation.Parameters.Where(p => p.In == "query" && random.Next(3) > 0)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Type is "integer" or "number" && random.Next(2) == 0 ? new[] { "-1", "0", "2147483648", "+5", " 5", "1.5", "0x10", "١" }[random.Next(8)] : HostileString(random))}")
            .ToList();
        if (random.Next(6) == 0) query.Add($"{Uri.EscapeDataString(HostileString(random))}={Uri.EscapeDataString(HostileString(random))}");
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + (query.Count > 0 ? "?" + string.Join("&", query) : ""));
        if (!operation.HasBody && random.Next(4) > 0) return request;

        byte[] body;
        var contentType = "application/json";
        switch (random.Next(10))
        {
            case 0:
                body = [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']; // FF in a field name
                break;
            case 1:
                var field = operation.BodyFields.Count > 0 ? operation.BodyFields[random.Next(operation.BodyFields.Count)] : "name";
                body = [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\"a"), 0xED, 0xA0, 0x80, .. "\"}"u8.ToArray()]; // a UTF-8-encoded surrogate
                break;
            case 2:
                body = Encoding.UTF8.GetBytes(HostileJson(random));
                break;
            case 3:
                body = Encoding.UTF8.GetBytes(HostileString(random));
                contentType = random.Next(2) == 0 ? "text/plain" : "application/json";
                break;
            default:
                // The operation's own fields (and now and then a stranger or a twin), each with a hostile value.
                var fields = operation.BodyFields.Where(_ => random.Next(3) > 0).ToList();
                if (random.Next(4) == 0) fields.Add(HostileString(random));
                if (fields.Count > 0 && random.Next(6) == 0) fields.Add(fields[0]);
                body = Encoding.UTF8.GetBytes("{" + string.Join(",", fields.Select(f => $"{JsonSerializer.Serialize(f)}:{HostileJson(random)}")) + "}");
                break;
        }
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex StableCode();
}
