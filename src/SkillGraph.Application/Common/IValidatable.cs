namespace SkillGraph.Application.Common;

/// <summary>A request that can check its own fields; <see cref="Behaviors.ValidationBehavior{TMessage,TResponse}"/> runs it first.</summary>
public interface IValidatable
{
    /// <summary>Every problem with the request's fields, each naming the field and its value; empty when it is valid.</summary>
    IEnumerable<string> Validate();
}

/// <summary>Small checks shared by the requests' validators.</summary>
public static class Check
{
    /// <summary>The longest text (a job ad, a resume) a request may carry, in characters.</summary>
    public const int MaxTextLength = 20_000;

    // The checks return arrays, not iterators: a valid request (the usual one) allocates nothing, and empty
    // arrays are concatenated without allocating either.
    public static IEnumerable<string> Range(string field, int value, int min, int max) =>
        value < min || value > max ? [$"{field} must be between {min} and {max} (got {value})"] : [];

    /// <summary>A text field must be given, at most <see cref="MaxTextLength"/> characters, and (unless <paramref name="mayBeBlank"/>) not blank.</summary>
    public static IEnumerable<string> Text(string field, string? value, bool mayBeBlank = false) =>
        value is null || (!mayBeBlank && string.IsNullOrWhiteSpace(value)) ? [$"{field}: give a text"]
        : value.Length > MaxTextLength ? [$"{field}: at most {MaxTextLength} characters (got {value.Length})"]
        : [];

    public static IEnumerable<string> Range(string field, double value, double min, double max) =>
        double.IsNaN(value) || value < min || value > max ? [$"{field} must be between {min} and {max} (got {value})"] : [];
}
