using SkillGraph.Student;

namespace SkillGraph.Tests.Student;

public sealed class NativeMemoryTuningTests
{
    [Fact]
    public void GlibcTakesTheSettingsOnLinux()
    {
        // The CI and this machine run Debian (glibc): mallopt must be found and accept all three settings there.
        Assert.Equal(OperatingSystem.IsLinux() && File.Exists("/etc/debian_version"), NativeMemoryTuning.ReturnFreedMemoryToSystem());
    }
}
