using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Projects;

namespace TradingOps.Core.Witness;

/// <summary>The kinds of session a witness log follows; each has its checklist (<see cref="WitnessChecklist"/>).</summary>
public enum WitnessSessionKind
{
    BidOpening,  // 开标
    Evaluation,  // 评标（含跨夜评标）
    Negotiation, // 谈判/磋商
    Auction,     // 拍卖/挂牌/竞价 in a bid-opening room
}

/// <summary>One step of a checklist: its code (what a Step entry carries) and its names in both languages.</summary>
public sealed class ChecklistStep
{
    public ChecklistStep() { }

    public ChecklistStep(string code, string name, string nameEn) => (Code, Name, NameEn) = (code, name, nameEn);

    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
}

/// <summary>
/// Which checklist a session follows and its steps: the defaults below, each kind replaceable in appsettings
/// (Witness:Checklists:{Kind}). One home for "which checklist applies to this booking".
/// </summary>
public static class WitnessChecklist
{
    public static readonly IReadOnlyDictionary<WitnessSessionKind, IReadOnlyList<ChecklistStep>> Defaults =
        new Dictionary<WitnessSessionKind, IReadOnlyList<ChecklistStep>>
        {
            [WitnessSessionKind.BidOpening] =
            [
                new("bid.prepare", "开标准备", "Preparation"),
                new("bid.sign-in", "签到", "Sign-in"),
                new("bid.deadline", "递交投标文件截止", "Bid submission deadline"),
                new("bid.open", "开标", "Opening"),
                new("bid.read-out", "唱标", "Reading out the bids"),
                new("bid.objection", "异议答复", "Objections answered"),
                new("bid.end", "结束", "End"),
            ],
            [WitnessSessionKind.Evaluation] =
            [
                new("eval.sign-in", "专家签到", "Experts sign in"),
                new("eval.start", "评标开始", "Evaluation starts"),
                new("eval.clarify", "澄清/询标", "Clarification"),
                new("eval.samples", "样品查看", "Samples inspected"),
                new("eval.end", "评标结束", "Evaluation ends"),
                new("eval.report", "报告签署", "Report signed"),
            ],
            [WitnessSessionKind.Negotiation] =
            [
                new("neg.sign-in", "签到", "Sign-in"),
                new("neg.start", "谈判开始", "Negotiation starts"),
                new("neg.offer", "报价", "Offers"),
                new("neg.end", "谈判结束", "Negotiation ends"),
            ],
            [WitnessSessionKind.Auction] =
            [
                new("auction.sign-in", "竞买人签到", "Bidders sign in"),
                new("auction.rules", "宣布竞价规则", "Rules announced"),
                new("auction.start", "竞价开始", "Bidding starts"),
                new("auction.highest", "最高应价确认", "Highest bid confirmed"),
                new("auction.deal", "成交确认", "Deal confirmed"),
                new("auction.end", "结束", "End"),
            ],
        };

    /// <summary>Trading methods whose bid-opening-room sessions are auctions (拍卖、挂牌、竞价).</summary>
    public static readonly TradingMethod[] AuctionMethods = [TradingMethod.Auction, TradingMethod.Listing, TradingMethod.Bidding];

    /// <summary>The session kind of a booking: its purpose, and for a bid opening the project's trading method.</summary>
    public static WitnessSessionKind KindOf(BookingPurpose purpose, TradingMethod? method) => purpose switch
    {
        BookingPurpose.BidOpening when method is { } m && AuctionMethods.Contains(m) => WitnessSessionKind.Auction,
        BookingPurpose.BidOpening => WitnessSessionKind.BidOpening,
        BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation => WitnessSessionKind.Evaluation,
        BookingPurpose.Negotiation => WitnessSessionKind.Negotiation,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    /// <summary>The steps of a kind: the configured list when appsettings has one, else the default.</summary>
    public static IReadOnlyList<ChecklistStep> Steps(WitnessSessionKind kind, WitnessOptions options) =>
        options.Checklists.TryGetValue(kind.ToString(), out var configured) && configured.Count > 0 ? configured : Defaults[kind];

    /// <summary>Why a configured checklist cannot be used (null when every one is fine): start-up refuses it with this.</summary>
    public static string? Problem(IDictionary<string, List<ChecklistStep>> checklists)
    {
        foreach (var (kind, steps) in checklists)
        {
            if (!Enum.TryParse<WitnessSessionKind>(kind, out _)) return $"未知的场次类型“{kind}”";
            if (steps.Count == 0) return $"{kind} 的见证步骤为空";
            foreach (var s in steps)
            {
                if (PlainText.IsBlank(s.Code) || s.Code.Length > WitnessEntry.CodeMaxLength) return $"{kind} 有步骤代码为空或过长";
                if (PlainText.IsBlank(s.Name) || PlainText.IsBlank(s.NameEn)) return $"{kind} 的步骤 {s.Code} 缺少中文或英文名称";
                if (s.Code.Contains(' ')) return $"{kind} 的步骤代码 {s.Code} 不能含空格";
            }
            if (steps.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() != steps.Count) return $"{kind} 有重复的步骤代码";
        }
        return null;
    }
}
