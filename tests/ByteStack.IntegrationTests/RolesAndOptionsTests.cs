using ByteStack.Server.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ByteStack.IntegrationTests;

/// <summary>A node runs the loops of its roles only, and refuses to start on settings it cannot use, naming them.</summary>
public sealed class RolesAndOptionsTests
{
    private static readonly string[] Loops = ["Scheduler", "RunExecutor", "QueryWorker", "DeliveryWorker", "RetentionSweeper"];

    public static TheoryData<string, string[]> RoleLoops() => new()
    {
        { "api", [] },
        { "api,queries", ["QueryWorker"] },
        { "scheduler", ["Scheduler"] },
        { "api,worker", ["DeliveryWorker", "QueryWorker", "RetentionSweeper", "RunExecutor"] },
        { "api,scheduler,worker", ["DeliveryWorker", "QueryWorker", "RetentionSweeper", "RunExecutor", "Scheduler"] },
    };

    [Theory, MemberData(nameof(RoleLoops))]
    public async Task Start_RunsOnlyTheLoopsOfItsRoles(string roles, string[] loops)
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, [$"--ByteStack:Engine:Roles={roles}"]);

        var running = server.App.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).Where(Loops.Contains).Order();

        Assert.Equal(loops, running);
    }

    [Theory]
    [InlineData("--ByteStack:Engine:Roles=api,cron", "ByteStack:Engine:Roles")]
    [InlineData("--ByteStack:Engine:Workers=0", "ByteStack:Engine:Workers")]
    [InlineData("--ByteStack:Queries:Workers=0", "ByteStack:Queries:Workers")]
    [InlineData("--ByteStack:Sources:MaxResponseBytes=10", "ByteStack:Sources:MaxResponseBytes")]
    [InlineData("--ByteStack:Sources:HackerNews:BaseUrl=not a url", "ByteStack:Sources:<Source>:BaseUrl")]
    [InlineData("--ByteStack:Delivery:MaxAttempts=0", "ByteStack:Delivery:MaxAttempts")]
    [InlineData("--ByteStack:Llm:BaseUrl=localhost", "ByteStack:Llm:BaseUrl")]
    [InlineData("--ByteStack:Llm:SentimentBatchSize=0", "ByteStack:Llm:SentimentBatchSize")]
    [InlineData("--ByteStack:Llm:SentimentBatchSize=501", "ByteStack:Llm:SentimentBatchSize")]
    [InlineData("--ByteStack:Retention:RawLogDays=0", "ByteStack:Retention:RawLogDays")]
    [InlineData("--ByteStack:Storage:Backend=ftp", "ByteStack:Storage:Backend")]
    public async Task Start_Fails_NamingTheSetting_WhenAnOptionIsInvalid(string setting, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(DatabaseProvider.Sqlite, [setting]));

        Assert.Contains(named, failure.Message);
    }

    [Fact]
    public async Task Start_Fails_NamingTheSetting_WhenAValueDoesNotConvert()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(DatabaseProvider.Sqlite, ["--ByteStack:Engine:Workers=many"]));

        Assert.Contains("ByteStack:Engine:Workers", failure.Message);
    }
}
