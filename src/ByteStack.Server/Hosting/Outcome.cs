using System.Diagnostics.CodeAnalysis;

namespace ByteStack.Server.Hosting;

/// <summary>
/// What a feature service answers: a value, or the problem that kept it from one (validation,
/// not found, conflict). HTTP handlers turn it into a status code and problem+json; the dashboard
/// shows the problem's field errors beside its form fields.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, ApiProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public ApiProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(ApiProblem problem) => new(default, problem);

    public static implicit operator Outcome<T>(ApiProblem problem) => Fail(problem);

    public static implicit operator Outcome<T>(T value) => Ok(value);

    /// <summary>The HTTP answer: <paramref name="success"/> of the value, or the problem document.</summary>
    public IResult ToResult(Func<T, IResult> success) => Succeeded ? success(Value) : Problem.ToResult();
}

/// <summary>An outcome without a value (deletes): done, or the problem.</summary>
public sealed class Outcome
{
    public static readonly Outcome Done = new(null);

    private Outcome(ApiProblem? problem) => Problem = problem;

    public ApiProblem? Problem { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static implicit operator Outcome(ApiProblem problem) => new(problem);

    public static Outcome<T> Ok<T>(T value) => Outcome<T>.Ok(value);

    public IResult ToResult(Func<IResult> success) => Succeeded ? success() : Problem.ToResult();
}
