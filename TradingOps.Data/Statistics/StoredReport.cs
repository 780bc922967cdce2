namespace TradingOps.Data.Statistics;

public enum ReportKind { DailyOperations, MonthlyOperations }

/// <summary>A generated workbook kept for download; regenerating a period replaces it.</summary>
public sealed class StoredReport
{
    public const int FileNameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public ReportKind Kind { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
