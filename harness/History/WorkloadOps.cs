namespace Glomers.Harness.History;

/// <summary>
/// The op names the workloads write into a history, and the conventions the checkers rely on.
/// <list type="bullet">
/// <item>Client ops: each process has an Invoke, then exactly one completion (Ok, Fail or Info), in
/// time order; <see cref="Op.Index"/> is the op's position in the history.</item>
/// <item>echo: f "echo"; invoke value = the string sent; ok value = the whole reply body, as in
/// Maelstrom (its <c>echo</c> field is what came back).</item>
/// <item>unique-ids: f "generate"; invoke value null; ok value = the reply's <c>id</c> (any JSON).</item>
/// <item>broadcast: f "broadcast", value = the int; f "read", invoke value null, ok value = the
/// <c>messages</c> array. Final reads have <see cref="Op.Final"/> set.</item>
/// <item>g-set: f "add", value = the element; f "read", ok value = the array.</item>
/// <item>g-counter / pn-counter: f "add", value = the delta; f "read", ok value = the int. Final reads
/// have <see cref="Op.Final"/> set.</item>
/// <item>Nemesis ops: process <see cref="Op.NemesisProcess"/>, type Info, f "start-partition" /
/// "stop-partition".</item>
/// <item>Fail and Info completions carry <see cref="Op.Error"/> ("net-timeout", "[crash, text]").</item>
/// </list>
/// </summary>
public static class WorkloadOps
{
    public const string Echo = "echo";
    public const string Generate = "generate";
    public const string Broadcast = "broadcast";
    public const string Add = "add";
    public const string Read = "read";
    public const string StartPartition = "start-partition";
    public const string StopPartition = "stop-partition";
}
