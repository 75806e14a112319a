using System.ComponentModel;
using System.Globalization;

namespace SkillGraph.Teacher;

/// <summary>Binds <see cref="TeacherProviderKind"/> from the provider names (<c>azure</c>, <c>openai-compatible</c>, <c>ollama</c>…).</summary>
public sealed class TeacherProviderKindConverter : EnumConverter
{
    public TeacherProviderKindConverter()
        : base(typeof(TeacherProviderKind))
    {
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string name ? TeacherProviderOptions.ParseKind(name) : base.ConvertFrom(context, culture, value);
}
