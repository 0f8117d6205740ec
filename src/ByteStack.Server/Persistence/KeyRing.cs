using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ByteStack.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace ByteStack.Server.Persistence;

/// <summary>
/// The Data Protection key ring that encrypts bucket and webhook secrets. It is kept on disk, not
/// in the database, so a database dump alone reveals no secret. How well the ring itself is
/// protected is the operator's choice, said plainly at start:
/// <list type="bullet">
/// <item><c>certificate</c>: keys encrypted with <c>ByteStack:DataProtection:Certificate</c> (a PFX file and
/// <c>CertificatePassword</c>); a copy of the data folder and key ring decrypts nothing without it.</item>
/// <item><c>separate_folder</c>: <c>ByteStack:DataProtection:KeysDir</c> outside the data folder (the production
/// setting without a certificate: mount it from somewhere a backup of the data does not reach).</item>
/// <item><c>beside_data</c>: the default, <c>&lt;data-dir&gt;/keys</c>; a copy of the data folder decrypts every secret.</item>
/// </list>
/// </summary>
public sealed record KeyRing(string Protection, string Directory, string Detail)
{
    public const string Section = "ByteStack:DataProtection";

    public static void Add(WebApplicationBuilder builder, DataDirectory data)
    {
        var configuration = builder.Configuration.GetSection(Section);
        var beside = Path.Combine(data.Path, "keys");
        var keysDir = configuration["KeysDir"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : beside;
        // A new folder is the owner's only; an existing one (a cluster's shared mount) keeps the mode its operator gave it.
        if (!OperatingSystem.IsWindows() && !System.IO.Directory.Exists(keysDir))
            System.IO.Directory.CreateDirectory(keysDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("bytestack")
            .PersistKeysToFileSystem(new DirectoryInfo(keysDir));

        KeyRing ring;
        if (configuration["Certificate"] is { Length: > 0 } certificatePath)
        {
            var certificate = LoadCertificate(certificatePath, configuration["CertificatePassword"]);
            // Decryption must find the certificate without the OS certificate store (there is none to speak of on Linux).
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            ring = new KeyRing("certificate", keysDir,
                $"new keys are encrypted with the certificate {certificate.Subject} ({certificate.Thumbprint}); keys written before it was configured stay readable as they are");
        }
        else if (!IsInside(keysDir, data.Path))
            ring = new KeyRing("separate_folder", keysDir, "the key ring is outside the data folder and not encrypted; keep it out of the data folder's backups");
        else
            ring = new KeyRing("beside_data", keysDir,
                $"the key ring is NOT protected: a copy of the data folder decrypts every bucket and webhook secret. For production set {Section}:Certificate (and CertificatePassword) or {Section}:KeysDir outside the data folder");
        builder.Services.AddSingleton(ring);
        builder.Services.AddHostedService<Report>();
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{Section}:Certificate '{path}' has no private key; the key ring could not be decrypted with it.");
            return certificate;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Section}:Certificate '{path}' could not be loaded ({e.Message}). Check the path and {Section}:CertificatePassword.", e);
        }
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path));
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    /// <summary>Says at start which protection is in use: a warning when there is none.</summary>
    private sealed class Report(KeyRing ring, ILogger<KeyRing> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            var level = ring.Protection == "beside_data" ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level, "Data Protection key ring at {Directory}: {Protection}; {Detail}.", ring.Directory, ring.Protection, ring.Detail);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
