using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;

namespace TradingOps.Tests.Fixtures;

/// <summary>Reads a generated PDF back as a person or a phone would: its text (PdfPig) and the QR codes in its images (ZXing).</summary>
public static class PdfReadBack
{
    /// <summary>The text of every page, pages separated by a newline.</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    public static int Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>The decoded text of every QR code embedded as an image, in page order.</summary>
    public static IReadOnlyList<string> Qr(byte[] pdf)
    {
        var found = new List<string>();
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
            foreach (var image in page.GetImages())
            {
                if (!image.TryGetBytesAsMemory(out var samples)) continue;
                var (w, h) = (image.WidthInSamples, image.HeightInSamples);
                if (w * h == 0 || samples.Length < w * h) continue;
                var components = samples.Length / (w * h);
                var luminance = new byte[w * h];
                var span = samples.Span;
                for (var i = 0; i < luminance.Length; i++) luminance[i] = span[i * components];
                var source = new RGBLuminanceSource(luminance, w, h, RGBLuminanceSource.BitmapFormat.Gray8);
                var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
                if (result is not null) found.Add(result.Text);
            }
        return found;
    }
}
