using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Statistics;
using TradingOps.Data.Scheduling;
using TradingOps.Data.Statistics;

namespace TradingOps.Data.Configurations;

internal sealed class DailyStatisticConfiguration : IEntityTypeConfiguration<DailyStatistic>
{
    public void Configure(EntityTypeBuilder<DailyStatistic> b)
    {
        b.Property(x => x.Metric).HasMaxLength(DailyStatistic.MetricMaxLength);
        b.Property(x => x.Dimension).HasMaxLength(DailyStatistic.DimensionMaxLength);
        b.Property(x => x.Key).HasMaxLength(DailyStatistic.KeyMaxLength);
        b.Property(x => x.Value).HasPrecision(20, 4);
        // A day holds each figure once: recomputing replaces, never duplicates.
        b.HasIndex(x => new { x.Day, x.Metric, x.Dimension, x.Key }).IsUnique();
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(x => x.JobName).HasMaxLength(JobRun.NameMaxLength);
        b.Property(x => x.TriggerName).HasMaxLength(JobRun.NameMaxLength);
        b.Property(x => x.Node).HasMaxLength(JobRun.NameMaxLength);
        b.Property(x => x.Result).HasMaxLength(JobRun.ResultMaxLength);
        b.HasIndex(x => new { x.JobName, x.FiredAt });
    }
}

internal sealed class StoredReportConfiguration : IEntityTypeConfiguration<StoredReport>
{
    public void Configure(EntityTypeBuilder<StoredReport> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FileName).HasMaxLength(StoredReport.FileNameMaxLength);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Kind, x.PeriodStart }).IsUnique();
    }
}

internal sealed class SatisfactionDisclosureConfiguration : IEntityTypeConfiguration<SatisfactionDisclosure>
{
    public void Configure(EntityTypeBuilder<SatisfactionDisclosure> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Rate).HasPrecision(9, 6);
        b.Ignore(x => x.Period);
        b.Ignore(x => x.Counts);
        // One snapshot per period: computing it again replaces it.
        b.HasIndex(x => new { x.Kind, x.PeriodStart }).IsUnique();
    }
}
