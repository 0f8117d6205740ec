using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ByteStack.Server.Hosting;

/// <summary>
/// Requests Kestrel refuses while parsing (a NUL or control character in the path, a request line
/// over 8 KB, headers over 32 KB, a malformed header) never reach the middleware, and Kestrel
/// answers them with an empty body that no setting can change. This connection middleware
/// recognises that one answer — a 4xx head with <c>Content-Length: 0</c> and <c>Connection: close</c>,
/// written in one piece as the connection's last response — and gives it the same problem body
/// with a stable <c>code</c> as every other error.
/// </summary>
public static class KestrelRejections
{
    public static void UseProblemBodies(ListenOptions listen) => listen.Use(next => context =>
    {
        var transport = context.Transport;
        context.Transport = new Duplex(transport.Input, new ProblemWriter(transport.Output));
        return next(context);
    });

    /// <summary>The problem document for a status Kestrel answered on its own.</summary>
    public static byte[] Body(int status)
    {
        var (code, title, detail) = status switch
        {
            414 => ("uri_too_long", "The request target is too long.", "The request line (method, path and query) is limited to 8 KB."),
            431 => ("request_headers_too_large", "The request headers are too large.", "Request headers are limited to 32 KB in all."),
            413 => ("payload_too_large", "The request body is too large.", $"Request bodies are limited to {ServerApp.MaxRequestBodyBytes} bytes."),
            411 => ("length_required", "A Content-Length is required.", "Send the body with Content-Length or chunked transfer encoding."),
            408 => ("request_timeout", "The request was not received in time.", "The request's headers or body came too slowly."),
            _ => ("bad_request", "The request is malformed.",
                "The request line or headers are not valid HTTP: for example a NUL or control character in the path, or a malformed header."),
        };
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = Problems.TypeFor(code), ["title"] = title, ["status"] = status, ["detail"] = detail, ["code"] = code,
        });
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>Passes every byte through, except a bare Kestrel rejection, which it rewrites with a body.</summary>
    private sealed class ProblemWriter(PipeWriter inner) : PipeWriter
    {
        private static readonly byte[] EmptyBody = "\r\nContent-Length: 0\r\n"u8.ToArray();
        private static readonly byte[] Close = "\r\nConnection: close\r\n"u8.ToArray();
        private Memory<byte> lent;

        public override Memory<byte> GetMemory(int sizeHint = 0) => lent = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (bytes <= lent.Length && Rewrite(lent.Span[..bytes]) is { } replacement)
            {
                // The original head was only lent out, never committed: the replacement takes its place.
                lent = default;
                inner.Write(replacement);
                return;
            }
            lent = default;
            inner.Advance(bytes);
        }

        private static byte[]? Rewrite(ReadOnlySpan<byte> written)
        {
            // "HTTP/1.1 4xx …\r\n…\r\n\r\n" and nothing after the head.
            if (written.Length < 16 || !written.StartsWith("HTTP/1.1 4"u8) || !written.EndsWith("\r\n\r\n"u8)
                || written[..^4].IndexOf("\r\n\r\n"u8) >= 0 || written.IndexOf(EmptyBody) < 0 || written.IndexOf(Close) < 0
                || !int.TryParse(written.Slice(9, 3), out var status))
                return null;
            var body = Body(status);
            var head = Encoding.ASCII.GetString(written[..^2]).Replace("\r\nContent-Length: 0\r\n",
                $"\r\nContent-Length: {body.Length}\r\nContent-Type: application/problem+json\r\n", StringComparison.Ordinal);
            return [.. Encoding.ASCII.GetBytes(head + "\r\n"), .. body];
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken ct = default) => inner.FlushAsync(ct);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
