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
    // The checks return arrays, not iterators: a valid request (the usual one) allocates nothing, and empty
    // arrays are concatenated without allocating either.
    public static IEnumerable<string> Range(string field, int value, int min, int max) =>
        value < min || value > max ? [$"{field} must be between {min} and {max} (got {value})"] : [];

    public static IEnumerable<string> Range(string field, double value, double min, double max) =>
        double.IsNaN(value) || value < min || value > max ? [$"{field} must be between {min} and {max} (got {value})"] : [];
}
