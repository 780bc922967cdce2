using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;

namespace TradingOps.Core.Archives;

/// <summary>
/// The one format of an archive file's JSON: indented, camelCase, enums by name, Chinese left readable (relaxed
/// encoder), every instant ISO-8601 in center time with its offset (+08:00). Each file says so in its header.
/// </summary>
public static class ArchiveJson
{
    public const string Format = "TradingOps 项目档案文件 v1";
    public const string TimeNote = "所有时间为 ISO-8601，北京时间（Asia/Shanghai，UTC+08:00）";

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese and '+' stay as they are (a file, never HTML)
        };
        o.Converters.Add(new JsonStringEnumConverter());
        o.Converters.Add(new CenterTimeConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>A file's JSON: the header (format, time note, project, what) and the record(s).</summary>
    public static string Write(string projectCode, string what, object record) =>
        JsonSerializer.Serialize(new { format = Format, times = TimeNote, project = projectCode, what, record }, Options);

    private sealed class CenterTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(CenterTime.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Stable file names: the same record always has the same name ("05-witness-log.json", "09-case-TS2026-000003.json");
/// a file appended after the lock is named after the day it was added and its hash, then the name it updates
/// ("add-20261203-1a2b3c4d-11-ratings.json"), so a stored file is never replaced.
/// </summary>
public static class ArchiveNames
{
    public const string Project = "01-project.json";
    public const string MaterialChecklist = "02-material-checklist.json";
    public const string Notices = "03-notices.json";
    public const string Bookings = "04-bookings.json";
    public const string WitnessLog = "05-witness-log.json";
    public const string ChainVerification = "06-chain-verification.json";
    public const string Ratings = "11-ratings.json";
    public const string RegistrationPrefix = "01-registration-";
    public const string DrawPrefix = "08-draw-";
    public const string CasePrefix = "09-case-";
    public const string CertificatePrefix = "10-certificate-";
    public static string Registration(string code) => $"{RegistrationPrefix}{code}.json";
    public static string Incident(string number) => $"07-incident-{number}.json";
    public static string Draw(DateTimeOffset startsAt, Guid id) => $"{DrawPrefix}{CenterTime.ToLocal(startsAt):yyyyMMdd-HHmm}-{id.ToString("N")[..8]}.json";
    public static string Case(string number) => $"{CasePrefix}{number}.json";
    public static string Certificate(string number) => $"{CertificatePrefix}{number}.json";

    private const string AddedPrefix = "add-";

    public static string Appended(ArchiveFile update, DateTimeOffset at) =>
        $"{AddedPrefix}{CenterTime.ToLocal(at):yyyyMMdd}-{update.Sha256[..8]}-{update.Name}";

    /// <summary>The name a file stands for: its own, or for an appended one the name it updates.</summary>
    public static string BaseOf(string name) =>
        name.StartsWith(AddedPrefix, StringComparison.Ordinal) && name.Length > AddedPrefix.Length + 18 ? name[(AddedPrefix.Length + 18)..] : name;

    /// <summary>The current version of every record: for each base name the latest file (stored, or appended later).</summary>
    public static IReadOnlyList<ArchiveFile> Current(IEnumerable<ArchiveFile> files) =>
        files.GroupBy(f => BaseOf(f.Name)).Select(g => g.OrderBy(f => f.Appended).ThenBy(f => f.At).ThenBy(f => f.Name, StringComparer.Ordinal).Last())
            .OrderBy(f => BaseOf(f.Name), StringComparer.Ordinal).ToList();
}

/// <summary>What the checklist needs to know about an archive, read from its current files (the same for an open and a locked archive).</summary>
public sealed record ArchiveFacts(
    bool Registration, IReadOnlyList<string> MaterialsMissing, bool Notices, int Recordings, bool Bookings, bool WitnessLog,
    bool ChainIntact, string? ChainDetail, bool DrawRecord, bool EvaluationWitnessed, bool AuctionWitnessed,
    IReadOnlyList<string> Certificates, IReadOnlyList<string> RevokedCertificates, IReadOnlyList<string> OpenCases)
{
    /// <summary>Reads the facts from the files (<see cref="ArchiveNames.Current"/> first: an appended update replaces what it updates).</summary>
    public static ArchiveFacts From(IEnumerable<ArchiveFile> files)
    {
        var current = ArchiveNames.Current(files);
        JsonElement? Record(string name) => current.FirstOrDefault(f => ArchiveNames.BaseOf(f.Name) == name) is { } f ? RecordOf(f) : null;

        var materials = Record(ArchiveNames.MaterialChecklist) is { } m && m.TryGetProperty("missing", out var miss)
            ? miss.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList() : [];

        var purposes = new Dictionary<string, string>();
        if (Record(ArchiveNames.Bookings) is { } b && b.TryGetProperty("bookings", out var bookings))
            foreach (var x in bookings.EnumerateArray())
                purposes[x.GetProperty("id").GetString()!] = x.TryGetProperty("sessionKind", out var k) ? k.GetString() ?? "" : "";

        int recordings = 0;
        bool evaluation = false, auction = false;
        var log = Record(ArchiveNames.WitnessLog);
        if (log is { } l && l.TryGetProperty("entries", out var entries))
            foreach (var e in entries.EnumerateArray())
            {
                var kind = e.GetProperty("kind").GetString();
                if (kind == "Recording") recordings++;
                if (kind is not ("Step" or "Observation" or "Recording")) continue;
                var booking = e.TryGetProperty("bookingId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : null;
                if (booking is null || !purposes.TryGetValue(booking, out var sessionKind)) continue;
                evaluation |= sessionKind == "Evaluation";
                auction |= sessionKind == "Auction";
            }

        var chain = Record(ArchiveNames.ChainVerification);
        var intact = chain is { } c && c.GetProperty("intact").GetBoolean();
        var detail = chain is { } d && d.TryGetProperty("detail", out var dt) && dt.ValueKind == JsonValueKind.String ? dt.GetString() : null;

        var certificates = new List<string>();
        var revoked = new List<string>();
        var open = new List<string>();
        foreach (var f in current)
        {
            var name = ArchiveNames.BaseOf(f.Name);
            if (name.StartsWith(ArchiveNames.CertificatePrefix, StringComparison.Ordinal) && RecordOf(f) is { } cert)
            {
                var number = cert.GetProperty("number").GetString()!;
                (cert.TryGetProperty("revokedAt", out var r) && r.ValueKind == JsonValueKind.String ? revoked : certificates).Add(number);
            }
            if (name.StartsWith(ArchiveNames.CasePrefix, StringComparison.Ordinal) && RecordOf(f) is { } k && k.TryGetProperty("case", out var kase)
                && kase.GetProperty("state").GetString() is "Received" or "Forwarded" or "Answered")
                open.Add(kase.GetProperty("number").GetString()!);
        }

        return new ArchiveFacts(
            current.Any(f => ArchiveNames.BaseOf(f.Name).StartsWith(ArchiveNames.RegistrationPrefix, StringComparison.Ordinal)), materials,
            Record(ArchiveNames.Notices) is not null, recordings,
            purposes.Count > 0, log is { } lg && lg.TryGetProperty("entries", out var es) && es.GetArrayLength() > 0,
            intact, detail, current.Any(f => ArchiveNames.BaseOf(f.Name).StartsWith(ArchiveNames.DrawPrefix, StringComparison.Ordinal)), evaluation, auction,
            certificates, revoked, open);
    }

    private static JsonElement? RecordOf(ArchiveFile file)
    {
        try
        {
            using var doc = JsonDocument.Parse(file.ContentJson);
            return doc.RootElement.TryGetProperty("record", out var r) ? r.Clone() : null;
        }
        catch (JsonException) { return null; }
    }
}

/// <summary>
/// THE completeness checklist of a project's archive per trading category (Liaoning 6.9.2: 登记时提交的材料; 音频视频资料;
/// 公告（公示）; 评标（评审）报告 — for the methods with an evaluation the draw record and the evaluation session's witness
/// record, for auctions and listings the auction session's record; plus the center's own service record: bookings and a
/// witness log whose chain verifies, the witness certificate once issued, every objection or complaint resolved). Each
/// line says in Chinese what is missing.
/// </summary>
public static class ArchiveCompleteness
{
    public const string Registration = "registration";
    public const string Recordings = "recordings";
    public const string Notices = "notices";
    public const string Evaluation = "evaluation";
    public const string Auction = "auction";
    public const string Process = "process";
    public const string Certificate = "certificate";
    public const string Cases = "cases";

    /// <summary>Whether the method holds an auction session (拍卖、挂牌、竞价) rather than an evaluation.</summary>
    public static bool IsAuction(TradingMethod method) => method is TradingMethod.Auction or TradingMethod.Listing or TradingMethod.Bidding;

    /// <summary>The check codes the category (and method) requires, in the order shown.</summary>
    public static IReadOnlyList<string> Required(TradingCategory category, TradingMethod method)
    {
        var codes = new List<string> { Registration };
        if (category != TradingCategory.Other) codes.Add(Recordings);
        codes.Add(Notices);
        codes.Add(IsAuction(method) ? Auction : Evaluation);
        codes.AddRange([Process, Certificate, Cases]);
        return codes;
    }

    public static IReadOnlyList<ArchiveCheck> Check(TradingCategory category, TradingMethod method, ArchiveFacts f) =>
        Required(category, method).Select(code => code switch
        {
            Registration => Line(code, "登记材料（项目登记时提交的材料及材料清单）",
                !f.Registration ? "缺少项目登记记录"
                : f.MaterialsMissing.Count > 0 ? $"登记材料缺少：{string.Join("、", f.MaterialsMissing)}" : null),
            Recordings => Line(code, "音视频资料（见证记录中的录像索引）",
                f.Recordings == 0 ? "见证记录中没有录像索引" : null),
            Notices => Line(code, "公告（公示）与告知通知",
                !f.Notices ? "缺少告知与通知记录" : null),
            Evaluation => Line(code, "评标（评审）记录：专家抽取记录和评标场次的见证记录",
                Join(f.DrawRecord ? null : "缺少专家抽取记录", f.EvaluationWitnessed ? null : "缺少评标场次的见证记录")),
            Auction => Line(code, "拍卖（挂牌、竞价）场次的见证记录",
                f.AuctionWitnessed ? null : "缺少竞价场次的见证记录"),
            Process => Line(code, "交易服务过程记录（场地预约、见证记录及见证链校验）",
                Join(f.Bookings ? null : "缺少场地预约记录", f.WitnessLog ? null : "缺少见证记录",
                    !f.WitnessLog || f.ChainIntact ? null : $"见证链校验未通过：{Trim(f.ChainDetail)}")),
            Certificate => Line(code, "见证书",
                f.Certificates.Count > 0 ? null
                : f.RevokedCertificates.Count > 0 ? $"见证书 {string.Join("、", f.RevokedCertificates)} 已撤销，缺少有效的见证书" : "缺少见证书"),
            Cases => Line(code, "异议、投诉已办结",
                f.OpenCases.Count > 0 ? $"异议投诉尚未办结：{string.Join("、", f.OpenCases)}" : null),
            _ => throw new InvalidOperationException(code),
        }).ToList();

    private static ArchiveCheck Line(string code, string text, string? missing) => new(code, text, missing is null, missing);

    private static string? Join(params string?[] parts) =>
        parts.Where(p => p is not null).ToList() is { Count: > 0 } list ? string.Join("；", list) : null;

    private static string Trim(string? detail) => string.IsNullOrWhiteSpace(detail) ? "链条不完整" : detail.TrimEnd('。');
}
