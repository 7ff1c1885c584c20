using QRCoder;

namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>QR codes drawn on the server as SVG (no network, no script), scaled by their container.</summary>
public static class CheckInQr
{
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        // Level M: a projected code photographed at an angle or from the back of the room still reads.
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
