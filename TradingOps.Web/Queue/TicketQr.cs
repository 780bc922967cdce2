using QRCoder;

namespace TradingOps.Web.Queue;

/// <summary>The QR code printed on a ticket, as inline SVG (QRCoder: no native graphics library needed).</summary>
public static class TicketQr
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }

    public static string RatingPath(string token) => $"/queue/rate/{token}";
}
