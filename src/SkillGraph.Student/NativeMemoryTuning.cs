using System.Runtime.InteropServices;

namespace SkillGraph.Student;

/// <summary>
/// Lets the C allocator (glibc) give freed memory back to the system. ONNX Runtime takes its tensors from <c>malloc</c>;
/// glibc's default raises its mmap threshold to the largest block freed so far (up to 32 MB), so after one large run the
/// next blocks of that size come from heaps it never trims, and it opens up to eight heaps per core. After 10,000 fuzz
/// requests the server held 2.4 GiB (the managed heap ≈ 0.75 of it); with large blocks always mapped and unmapped, small
/// heaps trimmed and two heaps in all, 1.4 GiB (bench/RESULTS.md, issue 15). The same as setting MALLOC_ARENA_MAX=2,
/// MALLOC_MMAP_THRESHOLD_=131072 and MALLOC_TRIM_THRESHOLD_=131072, but without asking every operator to set them.
/// Does nothing where the C library is not glibc (mallopt missing or refusing).
/// </summary>
public static partial class NativeMemoryTuning
{
    private const int TrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD
    private const int ArenaMax = -8; // M_ARENA_MAX

    /// <summary>Applies the settings once, before the student's sessions allocate; true when glibc took them.</summary>
    public static bool ReturnFreedMemoryToSystem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallOpt(MmapThreshold, 128 * 1024) == 1 & MallOpt(TrimThreshold, 128 * 1024) == 1 & MallOpt(ArenaMax, 2) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
