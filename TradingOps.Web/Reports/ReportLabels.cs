using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;

namespace TradingOps.Web.Reports;

/// <summary>
/// Chinese names used inside exported workbooks. A workbook is a filed document: it reads the same whichever
/// language the person who downloaded it uses on screen.
/// </summary>
public static class ReportLabels
{
    public const string Yes = "是";

    public static string Of(RoomType type) => type switch
    {
        RoomType.BidOpeningRoom => "开标室",
        RoomType.MultiFunctionRoom => "多功能交易室",
        RoomType.BiddingRoom => "竞价室",
        RoomType.AuctionHall => "拍卖厅",
        RoomType.EvaluationRoom => "评标室",
        RoomType.NegotiationRoom => "谈判室",
        RoomType.ConsultationRoom => "磋商室",
        RoomType.InquiryRoom => "询标室",
        RoomType.ClarificationRoom => "澄清室",
        _ => type.ToString(),
    };

    public static string Of(BookingPurpose purpose) => purpose switch
    {
        BookingPurpose.BidOpening => "开标",
        BookingPurpose.Evaluation => "评标",
        BookingPurpose.Negotiation => "谈判磋商",
        BookingPurpose.OvernightEvaluation => "跨夜评标",
        _ => purpose.ToString(),
    };

    /// <summary>Where a booking's session stands, else the booking's own state.</summary>
    public static string Of(BookingStatus status, SessionPhase phase) => phase switch
    {
        SessionPhase.Ended => "已结束",
        SessionPhase.InSession => "进行中",
        SessionPhase.Suspended => "暂停中",
        SessionPhase.CheckedIn => "已签到",
        _ => status switch
        {
            BookingStatus.Requested => "待确认",
            BookingStatus.Confirmed => "已确认",
            BookingStatus.Changed => "已改期",
            BookingStatus.Extended => "已延时",
            BookingStatus.Completed => "已结束",
            BookingStatus.Cancelled => "已取消",
            BookingStatus.NoShow => "爽约",
            _ => status.ToString(),
        },
    };

    public static string Of(ServiceOutcome outcome) => outcome switch
    {
        ServiceOutcome.Completed => "办结",
        ServiceOutcome.IncompleteMaterials => "材料不全，一次性告知",
        ServiceOutcome.Consulted => "咨询答复",
        ServiceOutcome.Referred => "转办",
        ServiceOutcome.Other => "其他",
        _ => outcome.ToString(),
    };

    public static string Of(TicketChannel channel) => channel == TicketChannel.Kiosk ? "自助取号" : "窗口取号";

    public static string Of(RatingChannel channel) => channel switch
    {
        RatingChannel.Pad => "评价器",
        RatingChannel.SessionLink => "场次评价链接",
        _ => "扫码评价",
    };

    /// <summary>设备类别 as the workbooks print them (the same words as FacilityResource's zh Category.* texts).</summary>
    public static string Of(Core.Facilities.EquipmentCategory category) => category switch
    {
        Core.Facilities.EquipmentCategory.Projector => "投影/显示屏",
        Core.Facilities.EquipmentCategory.Recorder => "录音录像",
        Core.Facilities.EquipmentCategory.TimeDisplay => "标准时钟",
        Core.Facilities.EquipmentCategory.Decryptor => "开标解密终端",
        Core.Facilities.EquipmentCategory.Gate => "门禁/闸机",
        Core.Facilities.EquipmentCategory.Detector => "电子设备探测",
        Core.Facilities.EquipmentCategory.LockerBank => "储物柜",
        Core.Facilities.EquipmentCategory.Screen => "信息屏",
        Core.Facilities.EquipmentCategory.Audio => "音响扩声",
        Core.Facilities.EquipmentCategory.Network => "网络/机房",
        Core.Facilities.EquipmentCategory.Computer => "评标电脑",
        _ => "其他",
    };
}
