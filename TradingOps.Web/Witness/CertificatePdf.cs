using PdfSharp.Drawing;
using TradingOps.Core.Witness;

namespace TradingOps.Web.Witness;

/// <summary>
/// The witness certificate as a document (进场交易见证书, Liaoning 6.7.4), A4, written with the <see cref="WitnessPdf"/> kit:
/// number, project and parties, sessions with their key times and witnesses, the witness chain's head it certifies,
/// the issue, the rating links of the sessions (好差评) and a QR code with the absolute address of the public check.
/// </summary>
public static class CertificatePdf
{
    public const string Title = "进场交易见证书";

    public static string FileName(WitnessCertificate c) => $"{c.Number}.pdf";

    public static byte[] Build(WitnessCertificate c, string centerName, string verifyUrl, Func<string, string> ratingUrl)
    {
        var document = WitnessPdf.NewDocument($"{Title} {c.Number}", centerName);
        using (var w = new PdfPageWriter(document, footer: $"{centerName}　{Title} {c.Number}"))
        {
            w.Title(Title);
            w.Field("证书编号", c.Number);
            w.Field("项目编号", c.ProjectCode);
            w.Field("项目名称", c.ProjectName);
            w.Field("交易类别", c.Category);
            w.Field("交易发起方", c.Initiator);
            w.Field("代理机构", c.Agency);
            if (c.RevokedAt is { } revoked)
                w.Paragraph($"本证书已于 {Fmt.Minute(revoked)} 撤销：{c.RevokeReason}", 12, XBrushes.DarkRed);

            w.Heading("场次与关键时间");
            w.Table(["场地", "类型", "时间", "关键时间", "见证人"], [0.17, 0.09, 0.2, 0.38, 0.16],
                c.Sessions.Select(s => (IReadOnlyList<string?>)
                [
                    s.Room, s.Kind, $"{Fmt.Minute(s.StartedAt ?? s.StartsAt)}–{Fmt.Time(s.EndedAt ?? s.EndsAt)}",
                    string.Join("；", s.KeyTimes.Select(k => $"{k.Label} {Fmt.Time(k.At)}")),
                    s.Witnesses.Count == 0 ? "—" : string.Join("、", s.Witnesses),
                ]));

            w.Heading("见证记录");
            w.Paragraph($"本中心对该项目的进场交易活动进行了全过程见证，见证记录逐条哈希链接、不可修改。本证书证明的见证记录截至第 {c.HeadSequence} 条，其链头哈希为：");
            w.Field("链头序号", c.HeadSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.Field("链头哈希", c.HeadHash, size: 9);

            w.Heading("出具");
            w.Field("出具单位", centerName);
            w.Field("出具日期", $"{Core.Common.CenterTime.ToLocal(c.IssuedAt):yyyy年M月d日}");
            w.Field("打印", $"第 {c.PrintCount} 次打印（重新打印编号不变）");

            var links = c.Sessions.Where(s => s.RatingToken is not null).ToList();
            if (links.Count > 0)
            {
                w.Heading("服务评价（好差评）");
                w.Paragraph("欢迎代理机构和交易发起方评价各场次的场地服务和见证服务：");
                foreach (var s in links)
                    w.Field($"{s.Room}", ratingUrl(s.RatingToken!), size: 9);
            }

            w.Space(10);
            w.Qr(verifyUrl, $"扫码或访问以下地址核验本证书是否与见证记录一致：{verifyUrl}");
        }
        return WitnessPdf.Save(document);
    }
}
