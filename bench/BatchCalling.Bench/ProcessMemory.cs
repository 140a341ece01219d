using System.Diagnostics;

namespace BatchCalling.Bench;

public static class ProcessMemory
{
    /// <summary>The process's working set now, in MB.</summary>
    public static double WorkingSetMegabytes(this Process process)
    {
        process.Refresh();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }
}
