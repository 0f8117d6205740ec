using Microsoft.Extensions.Options;

namespace ByteStack.Server.Storage;

/// <summary><c>ByteStack:Storage</c>: which backend holds built-in storage.</summary>
public sealed class StorageOptions
{
    public const string Section = "ByteStack:Storage";

    /// <summary><c>file</c> (default: under the data directory) or <c>s3</c> (shared by several nodes).</summary>
    public string Backend { get; set; } = "file";

    public S3Settings S3 { get; set; } = new();

    public sealed class S3Settings
    {
        public string? Endpoint { get; set; }
        public string? Bucket { get; set; }
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? Region { get; set; }
        public bool ForcePathStyle { get; set; } = true;
        public string? Prefix { get; set; }
    }

    public bool UsesS3 => string.Equals(Backend, "s3", StringComparison.OrdinalIgnoreCase);

    public S3Target S3Target() => new(S3.Endpoint!, S3.Bucket!, S3.AccessKey!, S3.SecretKey!, S3.Region, S3.ForcePathStyle, S3.Prefix);
}

public static class StorageSetup
{
    public static void AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => o.UsesS3 || string.Equals(o.Backend, "file", StringComparison.OrdinalIgnoreCase),
                "ByteStack:Storage:Backend must be 'file' or 's3'.")
            .Validate(o => !o.UsesS3 || (Uri.TryCreate(o.S3.Endpoint, UriKind.Absolute, out _) && !string.IsNullOrEmpty(o.S3.Bucket)
                                         && !string.IsNullOrEmpty(o.S3.AccessKey) && !string.IsNullOrEmpty(o.S3.SecretKey)),
                "S3 storage needs ByteStack:Storage:S3:Endpoint (an absolute URL), Bucket, AccessKey and SecretKey.")
            .ValidateOnStart();
        builder.Services.AddSingleton<FileStorage>();
        builder.Services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value is { UsesS3: true } s3
            ? new S3Storage(s3.S3Target())
            : sp.GetRequiredService<FileStorage>());
        builder.Services.AddSingleton<StorageIndex>();
        builder.Services.AddSingleton<ResultFiles>();

        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.RawLogDays >= 1, "ByteStack:Retention:RawLogDays must be at least 1.").ValidateOnStart();
        builder.Services.AddSingleton<RetentionSweeper>();
        var engine = Runs.EngineOptions.Of(builder.Configuration);
        if (engine.Has("worker")) builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
    }
}
