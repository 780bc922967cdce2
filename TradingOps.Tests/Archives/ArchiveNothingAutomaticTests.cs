using System.Reflection;
using System.Reflection.Emit;
using TradingOps.Core.Archives;
using TradingOps.Data.Archives;

namespace TradingOps.Tests.Archives;

/// <summary>
/// "Destruction only by approved request, never automatic" (issue 20 item 5; DOMAIN.md Archives): no scheduled job
/// reads or changes an archive, and one service alone marks an archive destroyed or deletes its stored documents
/// (that service refuses anyone but a signed-in approver: <see cref="ArchiveDestructionTests"/>). Checked on the
/// compiled code, so a job added later that touches archives fails here.
/// </summary>
public sealed class ArchiveNothingAutomaticTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly Data = typeof(ArchiveDestructionService).Assembly;

    [Fact]
    public void No_scheduled_job_reads_or_changes_an_archive()
    {
        var jobs = Web.GetTypes().Where(t => !t.IsAbstract && typeof(Quartz.IJob).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(jobs);
        var touching = new List<string>();
        foreach (var job in jobs)
        {
            foreach (var type in WithBases(job).SelectMany(WithNested))
            {
                foreach (var p in type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).SelectMany(c => c.GetParameters()))
                    if (IsArchive(p.ParameterType)) touching.Add($"{job.Name} takes {p.ParameterType.Name}");
                foreach (var member in Referenced(type))
                    if (IsArchive(member)) touching.Add($"{job.Name} uses {member.DeclaringType?.Name}.{member.Name}");
            }
        }
        Assert.True(touching.Count == 0, string.Join("; ", touching));
    }

    [Fact]
    public void Only_the_destruction_service_marks_an_archive_destroyed_or_deletes_its_stored_documents()
    {
        var markDestroyed = typeof(ProjectArchive).GetMethod(nameof(ProjectArchive.MarkDestroyed))!;
        var documents = typeof(TradingOps.Data.TradingOpsDbContext).GetProperty(nameof(TradingOps.Data.TradingOpsDbContext.ArchiveDocuments))!.GetMethod!;
        var callers = new HashSet<string>();
        var documentUsers = new HashSet<string>();
        foreach (var type in Web.GetTypes().Concat(Data.GetTypes()))
            foreach (var member in Referenced(type))
            {
                var owner = Outermost(type).FullName!;
                if (Same(member, markDestroyed)) callers.Add(owner);
                if (Same(member, documents)) documentUsers.Add(owner);
            }
        Assert.Equal([typeof(ArchiveDestructionService).FullName!], callers);
        // Stored documents are written by the lock (part D) and read by the archive pages; nothing under Jobs reaches them.
        Assert.DoesNotContain(documentUsers, u => u.StartsWith("TradingOps.Web.Jobs", StringComparison.Ordinal));
    }

    private static bool IsArchive(Type? type) =>
        type is not null && (type.Namespace is "TradingOps.Core.Archives" or "TradingOps.Data.Archives"
                             || (type.IsGenericType && type.GetGenericArguments().Any(IsArchive)));

    private static bool Same(MemberInfo a, MemberInfo b) => a.MetadataToken == b.MetadataToken && a.Module == b.Module;

    /// <summary>A member of the archive namespaces, one taking or giving archive types, or the database's archive tables.</summary>
    private static bool IsArchive(MemberInfo member) =>
        IsArchive(member.DeclaringType)
        || (typeof(TradingOps.Data.TradingOpsDbContext).IsAssignableFrom(member.DeclaringType) && member.Name.Contains("Archive", StringComparison.Ordinal))
        || (member is MethodInfo m && (IsArchive(m.ReturnType) || m.GetParameters().Any(p => IsArchive(p.ParameterType))));

    private static IEnumerable<Type> WithBases(Type type)
    {
        for (var t = type; t is not null && t.Assembly == Web; t = t.BaseType) yield return t;
    }

    /// <summary>The type and its nested types: lambdas' closures and async state machines are compiled there.</summary>
    private static IEnumerable<Type> WithNested(Type type) =>
        new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested));

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static readonly Dictionary<short, OpCode> OpCodeTable = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The methods, fields and types referenced by the IL of every method and constructor declared on <paramref name="type"/>.</summary>
    private static IEnumerable<MemberInfo> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null) continue;
            var typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            for (var i = 0; i < il.Length;)
            {
                short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
                i += il[i] == 0xFE ? 2 : 1;
                if (!OpCodeTable.TryGetValue(value, out var op)) break;
                switch (op.OperandType)
                {
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok or OperandType.InlineType:
                        MemberInfo? member = null;
                        try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                        catch (ArgumentException) { }
                        if (member is not null) yield return member;
                        i += 4;
                        break;
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                    case OperandType.InlineVar: i += 2; break;
                    case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                    case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                    default: i += 4; break;
                }
            }
        }
    }
}
