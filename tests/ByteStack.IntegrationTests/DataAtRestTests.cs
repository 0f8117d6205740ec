using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ByteStack.Server.Delivery;
using ByteStack.Server.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ByteStack.IntegrationTests;

/// <summary>What a copy of the data folder gives away: file modes, and whether the key ring is protected.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataAtRestTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task SqliteFiles_AreOwnerOnly_IncludingWalAndShm()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        var client = await server.NewProjectClientAsync(); // writes, so the WAL exists
        await client.PostJsonAsync("/v1/jobs", """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily"}""");

        var db = Path.Combine(server.Database.Directory, "bytestack.db");
        foreach (var file in new[] { db, db + "-wal", db + "-shm" })
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.Combine(server.Database.Directory, "keys")));
    }

    [Fact]
    public async Task SqliteFile_IsNarrowedToOwnerOnly_WhenAnOlderVersionLeftIt0644()
    {
        var directory = Directory.CreateTempSubdirectory("bytestack-mode-").FullName;
        var db = Path.Combine(directory, "bytestack.db");
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            await command.ExecuteNonQueryAsync();
        }
        File.SetUnixFileMode(db, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var opened = Database.Create(new DatabaseOptions(), directory);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(db));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task KeyRing_IsEncryptedWithTheCertificate_AndReadableAfterRestart()
    {
        var folder = Directory.CreateTempSubdirectory("bytestack-cert-").FullName;
        var pfx = Path.Combine(folder, "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ByteStack key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "s3cret"));
        }
        var log = new CapturedLog();
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite,
            ["--ByteStack:DataProtection:Certificate=" + pfx, "--ByteStack:DataProtection:CertificatePassword=s3cret"],
            b =>
            {
                b.Configuration["Logging:LogLevel:Default"] = "Information";
                b.Logging.AddProvider(log);
            });

        var stored = server.App.Services.GetRequiredService<Secrets>().Protect("bucket secret");
        var keyFiles = Directory.GetFiles(Path.Combine(server.Database.Directory, "keys"), "key-*.xml");
        await server.RestartAsync();
        var read = server.App.Services.GetRequiredService<Secrets>().Unprotect(stored);

        var key = await File.ReadAllTextAsync(Assert.Single(keyFiles));
        Assert.Contains("<encryptedSecret", key);
        Assert.DoesNotContain("requiresDecryption=\"false\"", key);
        Assert.Equal("bucket secret", read);
        Assert.Contains(log.Lines, l => l.Contains("KeyRing") && l.Contains(": certificate;"));
        Directory.Delete(folder, recursive: true);
    }

    public static TheoryData<bool, string, string> Protections() => new()
    {
        { false, "Warning", "beside_data" },
        { true, "Information", "separate_folder" },
    };

    [Theory, MemberData(nameof(Protections))]
    public async Task Start_SaysWhichKeyRingProtectionIsInUse(bool separateFolder, string level, string protection)
    {
        var keys = Directory.CreateTempSubdirectory("bytestack-keys-").FullName;
        var log = new CapturedLog();
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite,
            separateFolder ? ["--ByteStack:DataProtection:KeysDir=" + keys] : [],
            b =>
            {
                b.Configuration["Logging:LogLevel:Default"] = "Information";
                b.Logging.AddProvider(log);
            });

        var line = Assert.Single(log.Lines, l => l.Contains("Data Protection key ring at"));

        Assert.StartsWith(level, line);
        Assert.Contains($": {protection};", line);
        Directory.Delete(keys, recursive: true);
    }
}
