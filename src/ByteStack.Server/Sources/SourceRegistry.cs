namespace ByteStack.Server.Sources;

/// <summary>The connectors this node has, found by source id (or <c>rss:</c> prefix).</summary>
public sealed class SourceRegistry(IEnumerable<Connector> connectors)
{
    public IReadOnlyList<Connector> Connectors { get; } = connectors.ToList();

    public Connector? Find(string source) => Connectors.FirstOrDefault(c => c.Handles(source));
}
