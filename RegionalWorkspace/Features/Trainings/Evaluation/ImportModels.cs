using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>A data row of the file as read (its line number as a spreadsheet shows it).</summary>
public sealed record ImportRow(int Line, string FullName, string? Email, Gender? Gender, ParticipantAudience? Audience, bool IsValid);

/// <summary>Why one row was refused: the column (none for the whole row) and the reason.</summary>
public sealed record ImportProblem(int Line, string? FullName, ParticipantColumn? Column, FieldError Error);

/// <summary>
/// What an import found, or did. <see cref="Imported"/> is true only when every row was registered (in one transaction);
/// otherwise nothing was saved and <see cref="Problems"/> lists each refused row.
/// </summary>
public sealed record ImportReport(
    IReadOnlyList<ImportRow> Rows,
    IReadOnlyList<ImportProblem> Problems,
    int PlacesLeft,
    bool Imported,
    int Registered,
    int Waitlisted)
{
    public int ValidRows => Rows.Count(r => r.IsValid);

    public int RefusedRows => Rows.Count(r => !r.IsValid);

    /// <summary>Every row is valid, and there is something to import.</summary>
    public bool CanImport => !Imported && Rows.Count > 0 && Problems.Count == 0;

    /// <summary>How many of the rows would get a place now (the others go on the waiting list).</summary>
    public int WouldRegister => Math.Min(Rows.Count, Math.Max(0, PlacesLeft));
}
