// The exercise's command for teachers: "Reset Exercise Answers" clears a scenario file's `answers` in one
// undoable edit of its document (its playground, when open, follows the text and asks for the
// predictions again).
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { RegisterCommand } from './commands';
import { clearAnswersEdit } from './exerciseDocument';
import { activeScenarioFile } from './fileCommands';
import { FileInputError, uriArg } from './fileArgs';

export function registerExerciseCommands(command: RegisterCommand): vscode.Disposable[] {
  return [
    command('zigzag.resetAnswers', l10n.t('Reset Exercise Answers'), async (arg?: unknown) => {
      const uri = arg === undefined ? activeScenarioFile() : uriArg(arg, 'the scenario file');
      if (!uri) throw new FileInputError(l10n.t('open a *.zigzag.json file first'));
      const document = await vscode.workspace.openTextDocument(uri);
      const name = uri.path.split('/').pop() || uri.toString();
      const edit = clearAnswersEdit(document.getText(), name);
      if (!edit) {
        void vscode.window.showInformationMessage(l10n.t('{0} has no answers to reset.', name));
        return false;
      }
      const workspaceEdit = new vscode.WorkspaceEdit();
      const range = new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length));
      workspaceEdit.replace(uri, range, edit.content);
      if (!(await vscode.workspace.applyEdit(workspaceEdit))) throw new Error(l10n.t('{0} could not be edited', name));
      return true;
    }),
  ];
}
