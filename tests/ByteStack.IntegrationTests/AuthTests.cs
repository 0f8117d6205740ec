using System.Net;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>Bearer keys, their scopes, revocation, and the wall between projects.</summary>
public sealed class AuthTests(Servers servers) : IClassFixture<Servers>
{
    private const string Job = """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily"}""";

    public static TheoryData<string?> BadAuthorizations() => new()
    {
        null,
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer not-a-key",
        "Bearer bsk_0000000000000000000000000000000000000000",
        "bsk_0000000000000000000000000000000000000000",
    };

    [Theory, MemberData(nameof(BadAuthorizations))]
    public async Task Request_Answers401_WithoutAValidKey(string? authorization)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        var client = server.Client();
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/v1/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("unauthorized", (await response.ReadJsonAsync()).Str("code"));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<DatabaseProvider, string, string, string, int> ScopeMatrix()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string, int>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            // scope, method, path, expected status
            data.Add(provider, "read", "GET", "/v1/jobs", 200);
            data.Add(provider, "read", "GET", "/v1/schedules/preview?schedule=daily", 200);
            data.Add(provider, "read", "POST", "/v1/jobs", 403);
            data.Add(provider, "read", "GET", "/v1/keys", 403);
            data.Add(provider, "write", "GET", "/v1/jobs", 200);
            data.Add(provider, "write", "POST", "/v1/jobs", 201);
            data.Add(provider, "write", "GET", "/v1/keys", 403);
            data.Add(provider, "write", "POST", "/v1/keys", 403);
            data.Add(provider, "admin", "POST", "/v1/jobs", 201);
            data.Add(provider, "admin", "GET", "/v1/keys", 200);
            data.Add(provider, "admin", "POST", "/v1/keys", 201);
        }
        return data;
    }

    [Theory, MemberData(nameof(ScopeMatrix))]
    public async Task Scope_AllowsWhatItCovers_AndAnswers403Otherwise(DatabaseProvider provider, string scope, string method, string path, int status)
    {
        var server = await servers.Get(provider);
        var admin = await server.NewProjectClientAsync();
        var key = (await (await admin.PostJsonAsync("/v1/keys", $$"""{"name":"k","scopes":["{{scope}}"]}""")).ReadJsonAsync()).Str("key");
        var client = server.Client(key);

        var body = path == "/v1/keys" ? """{"name":"another"}""" : Job;
        var response = method == "GET" ? await client.GetAsync(path) : await client.PostJsonAsync(path, body);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 403) Assert.Equal("insufficient_scope", (await response.ReadJsonAsync()).Str("code"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Keys_AreShownOnce_Listed_AndRevokedAtOnce(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var admin = await server.NewProjectClientAsync();

        var created = await admin.PostJsonAsync("/v1/keys", """{"name":"ci","scopes":["write","read"]}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.ReadJsonAsync();
        var secret = key.Str("key");
        Assert.Matches("^bsk_[0-9a-hjkmnp-tv-z]{40}$", secret);
        Assert.StartsWith(key.Str("prefix"), secret);
        Assert.Equal(["write", "read"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var listed = await (await admin.GetAsync("/v1/keys")).ReadJsonAsync();
        var entry = listed.GetProperty("data").EnumerateArray().Single(k => k.Str("id") == key.Str("id"));
        Assert.False(entry.TryGetProperty("key", out _)); // the value is never shown again
        Assert.DoesNotContain(secret, listed.GetRawText());

        var client = server.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/jobs")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/keys/{key.Str("id")}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/jobs")).StatusCode);
        var revoked = (await (await admin.GetAsync("/v1/keys")).ReadJsonAsync()).GetProperty("data").EnumerateArray().Single(k => k.Str("id") == key.Str("id"));
        Assert.Equal(server.Clock.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), revoked.Str("revoked_at"));
    }

    public static TheoryData<string, string> BadKeyRequests() => new()
    {
        { """{"scopes":["read"]}""", "missing_field" },
        { """{"name":"k","scopes":["superuser"]}""", "invalid_scopes" },
        { """{"name":"k","scopes":[]}""", "invalid_scopes" },
        { """{"name":"k","expires":"never"}""", "unknown_field" },
    };

    [Theory, MemberData(nameof(BadKeyRequests))]
    public async Task CreateKey_AnswersProblem_ForBadBody(string body, string code)
    {
        var admin = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await admin.PostJsonAsync("/v1/keys", body);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync()).Str("code"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Projects_CannotSeeOrTouchEachOthersObjects(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var alice = await server.NewProjectClientAsync();
        var bob = await server.NewProjectClientAsync();
        var job = (await (await alice.PostJsonAsync("/v1/jobs", Job)).ReadJsonAsync()).Str("id");
        var aliceKey = (await (await alice.PostJsonAsync("/v1/keys", """{"name":"alice-read"}""")).ReadJsonAsync()).Str("id");

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/v1/jobs/{job}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PatchJsonAsync($"/v1/jobs/{job}", """{"name":"mine now"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/v1/jobs/{job}/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/v1/jobs/{job}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/v1/keys/{aliceKey}")).StatusCode);
        Assert.Equal(0, (await (await bob.GetAsync("/v1/jobs")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
        Assert.DoesNotContain(aliceKey, (await (await bob.GetAsync("/v1/keys")).ReadJsonAsync()).GetRawText());

        // Alice's objects are untouched.
        var still = await (await alice.GetAsync($"/v1/jobs/{job}")).ReadJsonAsync();
        Assert.Equal("n", still.Str("name"));
        Assert.Equal("active", still.Str("state"));
        var keys = await (await alice.GetAsync("/v1/keys")).ReadJsonAsync();
        Assert.Equal(JsonValueKindNull, keys.GetProperty("data").EnumerateArray().Single(k => k.Str("id") == aliceKey).GetProperty("revoked_at").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
